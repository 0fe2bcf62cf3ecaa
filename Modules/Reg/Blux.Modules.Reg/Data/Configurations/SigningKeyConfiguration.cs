using Blux.Modules.Reg.Domain;
using Blux.SharedKernel.Stores;
using Blux.SharedKernel.Vocabulary;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Blux.Modules.Reg.Data.Configurations;

internal sealed class SigningKeyConfiguration() : TableMapping<SigningKey>("signing_keys", k => k.KeyId)
{
    protected override void Map(EntityTypeBuilder<SigningKey> builder)
    {
        builder.Property(k => k.Status).HasConversion<WireNameConverter<KeyStatus>>();
        builder.HasIndex(k => new { k.KeyType, k.Status });
    }
}
