using Blux.Modules.Guard.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Blux.Modules.Guard.Data.Configurations;

internal sealed class EventLogRowConfiguration : IEntityTypeConfiguration<EventLogRow>
{
    public void Configure(EntityTypeBuilder<EventLogRow> builder)
    {
        builder.ToTable("event_log");
        builder.HasKey(e => e.Seq);
        builder.Property(e => e.Seq).ValueGeneratedOnAdd();
        builder.HasIndex(e => e.EventId).IsUnique();
        builder.HasIndex(e => new { e.TaskId, e.Seq });
    }
}
