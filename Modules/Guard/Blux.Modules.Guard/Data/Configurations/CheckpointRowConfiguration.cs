using Blux.Modules.Guard.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Blux.Modules.Guard.Data.Configurations;

internal sealed class CheckpointRowConfiguration : IEntityTypeConfiguration<CheckpointRow>
{
    public void Configure(EntityTypeBuilder<CheckpointRow> builder)
    {
        builder.ToTable("audit_checkpoints");
        builder.HasKey(c => c.CheckpointId);
        builder.Property(c => c.CheckpointId).HasColumnName("checkpoint_id");
        builder.Property(c => c.Seq).HasColumnName("seq");
        builder.Property(c => c.HeadHash).HasColumnName("head_hash");
        builder.Property(c => c.Timestamp).HasColumnName("timestamp");
        builder.Property(c => c.KeyId).HasColumnName("key_id");
        builder.Property(c => c.Signature).HasColumnName("signature");
        builder.HasIndex(c => c.Seq);
    }
}
