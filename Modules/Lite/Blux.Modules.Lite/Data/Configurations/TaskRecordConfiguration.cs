using Blux.Modules.Lite.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Blux.Modules.Lite.Data.Configurations;

internal sealed class TaskRecordConfiguration : IEntityTypeConfiguration<TaskRecord>
{
    public void Configure(EntityTypeBuilder<TaskRecord> builder)
    {
        builder.ToTable("tasks");
        builder.HasKey(t => t.TaskId);
        builder.Property(t => t.Version).IsConcurrencyToken();
        builder.Ignore(t => t.Pending);
        builder.Ignore(t => t.AuditTrail);
        builder.HasIndex(t => new { t.Status, t.CreatedAt });
        builder.HasIndex(t => new { t.Type, t.CreatedAt });
        builder.HasIndex(t => t.CreatedAt);
        builder.HasIndex(t => new { t.Identity, t.CreatedAt });
    }
}
