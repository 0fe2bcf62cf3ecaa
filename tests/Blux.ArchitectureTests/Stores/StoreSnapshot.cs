namespace Blux.ArchitectureTests.Stores;

/// <summary>What a module's SQLite file holds: its tables, its applied migrations, its foreign keys.</summary>
public sealed record StoreSnapshot(
    string Path,
    bool Exists,
    IReadOnlySet<string> Tables,
    IReadOnlyList<string> AppliedMigrations,
    IReadOnlyList<ForeignKeyLink> ForeignKeys)
{
    public static StoreSnapshot Missing(string path) => new(path, false, new HashSet<string>(), [], []);
}
