using Blux.Modules.Guard.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Blux.Modules.Guard.Data.Configurations;

internal sealed class AuditRecordRowConfiguration : IEntityTypeConfiguration<AuditRecordRow>
{
    public void Configure(EntityTypeBuilder<AuditRecordRow> builder)
    {
        builder.ToTable("audit_records");
        builder.HasKey(r => r.Seq);
        builder.Property(r => r.Seq).ValueGeneratedNever();
        builder.HasIndex(r => r.AuditId).IsUnique();
        builder.HasIndex(r => new { r.Identity, r.Seq });
        builder.HasIndex(r => new { r.Operation, r.Seq });
    }
}
