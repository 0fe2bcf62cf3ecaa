using Blux.Modules.Lite.Domain;
using Blux.SharedKernel.Stores;
using Microsoft.EntityFrameworkCore;

namespace Blux.Modules.Lite.Data;

internal sealed class LiteDbContext(DbContextOptions<LiteDbContext> options) : ModuleDbContext(options)
{
    public DbSet<TaskRecord> Tasks => Set<TaskRecord>();

    /// <summary>Stored as UTC ticks, so SQLite can order and compare them.</summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
    }
}
