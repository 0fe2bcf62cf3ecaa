using Blux.Modules.Reg.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Blux.Modules.Reg.Data.Configurations;

internal sealed class RequestSigningKeyConfiguration : IEntityTypeConfiguration<RequestSigningKey>
{
    public void Configure(EntityTypeBuilder<RequestSigningKey> builder)
    {
        builder.ToTable("request_signing_keys");
        builder.HasKey(k => new { k.IdentityId, k.Kid });
        builder.Property(k => k.X).IsRequired();
        builder.Property(k => k.Y).IsRequired();
    }
}
