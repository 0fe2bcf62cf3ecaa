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
        builder.Property(e => e.Seq).HasColumnName("seq").ValueGeneratedOnAdd();
        builder.Property(e => e.EventId).HasColumnName("event_id");
        builder.Property(e => e.TaskId).HasColumnName("task_id");
        builder.Property(e => e.EventType).HasColumnName("event_type");
        builder.Property(e => e.AuditId).HasColumnName("audit_id");
        builder.Property(e => e.Timestamp).HasColumnName("timestamp");
        builder.Property(e => e.Json).HasColumnName("json");
        builder.HasIndex(e => e.EventId).IsUnique();
        builder.HasIndex(e => new { e.TaskId, e.Seq });
    }
}
