using Blux.Modules.Reg.Domain;
using Blux.SharedKernel.Stores;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Blux.Modules.Reg.Data.Configurations;

internal sealed class SigningKeyConfiguration() : TableMapping<SigningKey>("signing_keys", k => k.KeyId)
{
    protected override void Map(EntityTypeBuilder<SigningKey> builder) =>
        builder.HasIndex(k => new { k.KeyType, k.Status });
}
