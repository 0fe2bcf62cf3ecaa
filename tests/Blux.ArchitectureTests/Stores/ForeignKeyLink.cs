namespace Blux.ArchitectureTests.Stores;

/// <summary>A foreign key declared in a SQLite table, by table name.</summary>
public sealed record ForeignKeyLink(string Table, string ReferencedTable);
