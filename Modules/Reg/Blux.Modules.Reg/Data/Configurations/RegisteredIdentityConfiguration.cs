using System.Text.Json;
using Blux.Modules.Reg.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Blux.Modules.Reg.Data.Configurations;

internal sealed class RegisteredIdentityConfiguration : IEntityTypeConfiguration<RegisteredIdentity>
{
    public void Configure(EntityTypeBuilder<RegisteredIdentity> builder)
    {
        builder.ToTable("identities");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Kind).IsRequired();
        builder.Property(i => i.DisplayName).IsRequired();
        builder.Property(i => i.Status).IsRequired();
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
