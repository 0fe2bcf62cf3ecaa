using Blux.Modules.Guard.Domain;
using Blux.SharedKernel.Stores;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Blux.Modules.Guard.Data.Configurations;

internal sealed class AuditRecordRowConfiguration() : TableMapping<AuditRecordRow>("audit_records", r => r.Seq)
{
    protected override void Map(EntityTypeBuilder<AuditRecordRow> builder)
    {
        builder.Property(r => r.Seq).ValueGeneratedNever();
        builder.HasIndex(r => r.AuditId).IsUnique();
        builder.HasIndex(r => new { r.Identity, r.Seq });
        builder.HasIndex(r => new { r.Operation, r.Seq });
    }
}
