using System.Text.Json;
using Blux.Modules.Reg.Domain;
using Blux.SharedKernel.Stores;
using Blux.SharedKernel.Vocabulary;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Blux.Modules.Reg.Data.Configurations;

internal sealed class RegisteredIdentityConfiguration() : TableMapping<RegisteredIdentity>("identities", i => i.Id)
{
    protected override void Map(EntityTypeBuilder<RegisteredIdentity> builder)
    {
        builder.Property(i => i.Kind).HasConversion<WireNameConverter<IdentityKind>>();
        builder.Property(i => i.Status).HasConversion<WireNameConverter<IdentityStatus>>();
        builder.Property(i => i.Roles)
            .HasConversion(
                roles => JsonSerializer.Serialize(roles, (JsonSerializerOptions?)null),
                json => JsonSerializer.Deserialize<List<string>>(json, (JsonSerializerOptions?)null) ?? new List<string>())
            .Metadata.SetValueComparer(new ValueComparer<List<string>>(
                (a, b) => a!.SequenceEqual(b!),
                list => list.Aggregate(0, (hash, item) => HashCode.Combine(hash, item.GetHashCode(StringComparison.Ordinal))),
                list => list.ToList()));
    }
}
