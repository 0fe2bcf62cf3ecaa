using Blux.Modules.Ca.Domain;
using Microsoft.EntityFrameworkCore;

namespace Blux.Modules.Ca.Data;

internal sealed class CaDbContext(DbContextOptions<CaDbContext> options) : DbContext(options)
{
    public DbSet<ReflectionRecord> Reflections => Set<ReflectionRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CaDbContext).Assembly);
}
