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
        builder.Property(k => k.KeyType).IsRequired();
        builder.Property(k => k.Status).IsRequired();
        builder.Property(k => k.PublicX).IsRequired();
        builder.Property(k => k.PublicY).IsRequired();
        builder.Property(k => k.EncryptedPrivateKey).IsRequired();
        builder.HasIndex(k => new { k.KeyType, k.Status });
    }
}
