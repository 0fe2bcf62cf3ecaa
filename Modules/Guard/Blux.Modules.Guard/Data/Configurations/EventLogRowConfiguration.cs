using Blux.Modules.Guard.Domain;
using Blux.SharedKernel.Stores;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Blux.Modules.Guard.Data.Configurations;

internal sealed class EventLogRowConfiguration() : TableMapping<EventLogRow>("event_log", e => e.Seq)
{
    protected override void Map(EntityTypeBuilder<EventLogRow> builder)
    {
        builder.Property(e => e.Seq).ValueGeneratedOnAdd();
        builder.HasIndex(e => e.EventId).IsUnique();
        builder.HasIndex(e => new { e.TaskId, e.Seq });
    }
}
