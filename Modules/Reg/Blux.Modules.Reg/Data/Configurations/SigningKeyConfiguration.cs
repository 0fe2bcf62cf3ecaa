using Blux.Modules.Reg.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Blux.Modules.Reg.Data.Configurations;

internal sealed class SigningKeyConfiguration : IEntityTypeConfiguration<SigningKey>
{
    public void Configure(EntityTypeBuilder<SigningKey> builder)
    {
        builder.ToTable("signing_keys");
        builder.HasKey(k => k.KeyId);
        builder.Property(k => k.KeyId).HasColumnName("key_id");
        builder.Property(k => k.KeyType).HasColumnName("key_type").IsRequired();
        builder.Property(k => k.Status).HasColumnName("status").IsRequired();
        builder.Property(k => k.PublicX).HasColumnName("public_x").IsRequired();
        builder.Property(k => k.PublicY).HasColumnName("public_y").IsRequired();
        builder.Property(k => k.EncryptedPrivateKey).HasColumnName("encrypted_private_key").IsRequired();
        builder.Property(k => k.CreatedAt).HasColumnName("created_at");
        builder.Property(k => k.ValidAfter).HasColumnName("valid_after");
        builder.Property(k => k.RetiredAt).HasColumnName("retired_at");
        builder.Property(k => k.RevokedAt).HasColumnName("revoked_at");
        builder.Property(k => k.RotationReason).HasColumnName("rotation_reason");
        builder.Property(k => k.RevocationReason).HasColumnName("revocation_reason");
        builder.HasIndex(k => new { k.KeyType, k.Status });
    }
}
