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
        builder.Property(r => r.Seq).HasColumnName("seq").ValueGeneratedNever();
        builder.Property(r => r.AuditId).HasColumnName("audit_id");
        builder.Property(r => r.Timestamp).HasColumnName("timestamp");
        builder.Property(r => r.Service).HasColumnName("service");
        builder.Property(r => r.Operation).HasColumnName("operation");
        builder.Property(r => r.Identity).HasColumnName("identity");
        builder.Property(r => r.InputHash).HasColumnName("input_hash");
        builder.Property(r => r.OutputHash).HasColumnName("output_hash");
        builder.Property(r => r.DoctrineFlagsApplied).HasColumnName("doctrine_flags_applied");
        builder.Property(r => r.RelatedEvents).HasColumnName("related_events");
        builder.Property(r => r.Status).HasColumnName("status");
        builder.Property(r => r.DurationMs).HasColumnName("duration_ms");
        builder.Property(r => r.Data).HasColumnName("data");
        builder.Property(r => r.PrevHash).HasColumnName("prev_hash");
        builder.Property(r => r.RecordHash).HasColumnName("record_hash");
        builder.Property(r => r.KeyId).HasColumnName("key_id");
        builder.Property(r => r.Signature).HasColumnName("signature");
        builder.HasIndex(r => r.AuditId).IsUnique();
        builder.HasIndex(r => new { r.Identity, r.Seq });
        builder.HasIndex(r => new { r.Operation, r.Seq });
    }
}
