using Blux.Modules.Lite.Domain;
using Microsoft.EntityFrameworkCore;

namespace Blux.Modules.Lite.Data;

internal sealed class LiteDbContext(DbContextOptions<LiteDbContext> options) : DbContext(options)
{
    public DbSet<TaskRecord> Tasks => Set<TaskRecord>();

    /// <summary>Stored as UTC ticks, so SQLite can order and compare them.</summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(LiteDbContext).Assembly);
}
