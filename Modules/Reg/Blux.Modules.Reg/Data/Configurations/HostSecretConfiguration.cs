using Blux.Modules.Reg.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Blux.Modules.Reg.Data.Configurations;

internal sealed class HostSecretConfiguration : IEntityTypeConfiguration<HostSecret>
{
    public void Configure(EntityTypeBuilder<HostSecret> builder)
    {
        builder.ToTable("host_secrets");
        builder.HasKey(s => s.Name);
        builder.Property(s => s.EncryptedValue).IsRequired();
    }
}
