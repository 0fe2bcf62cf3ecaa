using Blux.Modules.Reg.Domain;
using Blux.SharedKernel.Stores;
using Microsoft.EntityFrameworkCore;

namespace Blux.Modules.Reg.Data;

internal sealed class RegDbContext(DbContextOptions<RegDbContext> options) : ModuleDbContext(options)
{
    public DbSet<RegisteredIdentity> Identities => Set<RegisteredIdentity>();

    public DbSet<SigningKey> SigningKeys => Set<SigningKey>();

    public DbSet<HostSecret> HostSecrets => Set<HostSecret>();

    public DbSet<RequestSigningKey> RequestSigningKeys => Set<RequestSigningKey>();
}
