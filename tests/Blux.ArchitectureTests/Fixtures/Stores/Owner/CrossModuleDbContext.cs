using Blux.Modules.Guard.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Blux.ArchitectureTests.Fixtures.Stores.Owner;

/// <summary>Breaks rule 7: maps a type of another assembly as an entity and a foreign key to it.</summary>
internal sealed class CrossModuleDbContext(DbContextOptions<CrossModuleDbContext> options) : DbContext(options)
{
    public DbSet<LocalEntity> Locals => Set<LocalEntity>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<AuditHistoryItem>().HasKey(a => a.AuditId);
        modelBuilder.Entity<LocalEntity>().HasOne(l => l.Audit).WithMany().HasForeignKey(l => l.AuditId);
    }
}
