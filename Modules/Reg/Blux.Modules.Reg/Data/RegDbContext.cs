using Blux.Modules.Reg.Domain;
using Microsoft.EntityFrameworkCore;

namespace Blux.Modules.Reg.Data;

internal sealed class RegDbContext(DbContextOptions<RegDbContext> options) : DbContext(options)
{
    public DbSet<RegisteredIdentity> Identities => Set<RegisteredIdentity>();

    public DbSet<SigningKey> SigningKeys => Set<SigningKey>();

    public DbSet<HostSecret> HostSecrets => Set<HostSecret>();

    public DbSet<RequestSigningKey> RequestSigningKeys => Set<RequestSigningKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(RegDbContext).Assembly);
}
