namespace Blux.ArchitectureTests.Stores;

/// <summary>
/// What a module's store must be, taken from the module's own DbContexts: the file they connect to,
/// the tables they map and the migrations their assembly defines.
/// </summary>
public sealed record StoreExpectation(
    string Module,
    string Path,
    IReadOnlyList<string> ContextDataSources,
    IReadOnlySet<string> OwnTables,
    IReadOnlySet<string> OwnMigrations);
