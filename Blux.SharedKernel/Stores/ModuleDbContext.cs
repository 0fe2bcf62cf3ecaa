using Microsoft.EntityFrameworkCore;

namespace Blux.SharedKernel.Stores;

/// <summary>
/// What every module's DbContext shares: the column naming rule, and the mappings in the module's
/// own assembly (each module has one DbContext, so all of them are its).
/// </summary>
public abstract class ModuleDbContext(DbContextOptions options) : DbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Conventions.Add(_ => new SnakeCaseColumnNames());

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(GetType().Assembly);
}
