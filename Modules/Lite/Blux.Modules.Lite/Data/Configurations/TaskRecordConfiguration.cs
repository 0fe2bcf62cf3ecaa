using Blux.Modules.Lite.Domain;
using Blux.SharedKernel.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Blux.Modules.Lite.Data.Configurations;

internal sealed class TaskRecordConfiguration() : TableMapping<TaskRecord>("tasks", t => t.TaskId)
{
    protected override void Map(EntityTypeBuilder<TaskRecord> builder)
    {
        builder.Property(t => t.Version).IsConcurrencyToken();
        builder.Ignore(t => t.Pending);
        builder.Ignore(t => t.AuditTrail);
        builder.HasIndex(t => new { t.Status, t.CreatedAt });
        builder.HasIndex(t => new { t.Type, t.CreatedAt });
        builder.HasIndex(t => t.CreatedAt);
        builder.HasIndex(t => new { t.Identity, t.CreatedAt });
    }
}
