namespace Blux.ArchitectureTests.Stores;

/// <summary>
/// Rule 7, files: each module has its own SQLite file under the data path, its DbContexts connect to
/// that file and no other, the file has its own __EFMigrationsHistory recording exactly the module's
/// migrations, and it holds only the module's tables, with no foreign key to a table it does not own.
/// </summary>
public static class StoreFileRule
{
    public const string HistoryTable = "__EFMigrationsHistory";

    /// <summary>
    /// EF Core's own bookkeeping tables (the migration lock is taken by SQLite migrations since EF Core 9),
    /// and <c>blux_store</c>, the store's identity that the host's store check writes into every store.
    /// </summary>
    public static IReadOnlySet<string> InfrastructureTables { get; } =
        new HashSet<string>([HistoryTable, "__EFMigrationsLock", "blux_store"], StringComparer.OrdinalIgnoreCase);

    public static IEnumerable<string> Violations(StoreExpectation expected, StoreSnapshot actual)
    {
        var module = expected.Module;
        foreach (var source in expected.ContextDataSources.Where(s => !SamePath(s, expected.Path)))
        {
            yield return $"{module}'s DbContext connects to {source}, not to its own store {expected.Path}";
        }

        if (!SamePath(actual.Path, expected.Path) || !actual.Exists)
        {
            yield return $"{module} has no store at {expected.Path}";
            yield break;
        }

        if (!actual.Tables.Contains(HistoryTable))
        {
            yield return $"{actual.Path} has no {HistoryTable} table";
        }

        foreach (var migration in actual.AppliedMigrations.Where(m => !expected.OwnMigrations.Contains(m)))
        {
            yield return $"{actual.Path} records migration {migration}, which is not one of {module}'s";
        }

        foreach (var migration in expected.OwnMigrations.Where(m => !actual.AppliedMigrations.Contains(m)).Order(StringComparer.Ordinal))
        {
            yield return $"{actual.Path} does not record {module}'s migration {migration}";
        }

        var own = new HashSet<string>(expected.OwnTables.Concat(InfrastructureTables), StringComparer.OrdinalIgnoreCase);
        foreach (var table in actual.Tables.Where(t => !own.Contains(t)).Order(StringComparer.Ordinal))
        {
            yield return $"{actual.Path} holds table {table}, which no DbContext of {module} maps";
        }

        foreach (var key in actual.ForeignKeys.Where(k => !own.Contains(k.ReferencedTable)))
        {
            yield return $"{actual.Path}: table {key.Table} has a foreign key to {key.ReferencedTable}, which {module} does not own";
        }
    }

    private static bool SamePath(string left, string right) =>
        string.Equals(System.IO.Path.GetFullPath(left), System.IO.Path.GetFullPath(right), StringComparison.Ordinal);
}
