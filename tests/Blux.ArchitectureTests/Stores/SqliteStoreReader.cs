using Microsoft.Data.Sqlite;

namespace Blux.ArchitectureTests.Stores;

/// <summary>Reads a <see cref="StoreSnapshot"/> from a SQLite file, read-only.</summary>
public static class SqliteStoreReader
{
    public static StoreSnapshot Read(string path)
    {
        if (!File.Exists(path))
        {
            return StoreSnapshot.Missing(path);
        }

        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString();
        using var connection = new SqliteConnection(connectionString);
        connection.Open();

        var tables = Strings(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var migrations = tables.Contains(StoreFileRule.HistoryTable)
            ? Strings(connection, $"SELECT MigrationId FROM \"{StoreFileRule.HistoryTable}\" ORDER BY MigrationId")
            : [];
        var keys = tables
            .SelectMany(table => Strings(connection, "SELECT \"table\" FROM pragma_foreign_key_list($table)", ("$table", table))
                .Select(referenced => new ForeignKeyLink(table, referenced)))
            .ToList();
        return new StoreSnapshot(path, true, tables, migrations, keys);
    }

    private static List<string> Strings(SqliteConnection connection, string sql, params (string Name, string Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
