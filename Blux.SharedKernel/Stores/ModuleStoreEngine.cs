using Microsoft.EntityFrameworkCore;

namespace Blux.SharedKernel.Stores;

/// <summary>
/// The one place that says which database engine a module's DbContext runs on (SQLite, one file per
/// module); the host, the design-time tools and the tests reach the engine only through it.
/// </summary>
public static class ModuleStoreEngine
{
    /// <summary>Points <paramref name="builder"/> at a module's store; <paramref name="commandTimeoutSeconds"/> bounds each command when set.</summary>
    public static DbContextOptionsBuilder Use(DbContextOptionsBuilder builder, string connectionString, int? commandTimeoutSeconds = null) =>
        builder.UseSqlite(connectionString, sqlite => sqlite.CommandTimeout(commandTimeoutSeconds));
}
