using Microsoft.Data.Sqlite;

namespace Blux.Host.Stores;

/// <summary>
/// Who a store is, written into the store itself when Blux creates it: the module it belongs to, its
/// own id, the installation (data directory) it was made for, and a copy of the latest manifest. Kept
/// in a one-row table, <c>blux_store</c>, beside SQLite's application id set to "Blux".
/// </summary>
internal sealed record StoreIdentity(string Module, string StoreId, string InstallationId, DateTimeOffset CreatedAt, StoreManifest? ManifestCopy)
{
    public const string Table = "blux_store";

    /// <summary>"Blux" in ASCII, as SQLite's <c>PRAGMA application_id</c>, so tools can tell the file's owner.</summary>
    public const int ApplicationId = 0x426C7578;

    public static SqliteConnection Open(string path, bool create)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = create ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = 5,
        }.ToString());
        connection.Open();
        Execute(connection, "PRAGMA busy_timeout = 5000;");
        return connection;
    }

    /// <summary>The row of <c>blux_store</c>, or null when the table holds none.</summary>
    public static StoreIdentity? Read(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT module, store_id, installation_id, created_at, manifest FROM {Table} LIMIT 1";
        using var reader = command.ExecuteReader();
        if (!reader.Read() || reader.IsDBNull(0) || reader.IsDBNull(1) || reader.IsDBNull(2))
        {
            return null;
        }

        var created = !reader.IsDBNull(3) && DateTimeOffset.TryParse(reader.GetString(3), System.Globalization.CultureInfo.InvariantCulture, out var at) ? at : DateTimeOffset.MinValue;
        var copy = reader.IsDBNull(4) ? null : ManifestFile.Parse(reader.GetString(4)).Manifest;
        return new StoreIdentity(reader.GetString(0), reader.GetString(1), reader.GetString(2), created, copy);
    }

    /// <summary>Writes this identity into the store (a new one, or one an operator accepted), replacing any other.</summary>
    public void Stamp(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction();
        Execute(connection, $"CREATE TABLE IF NOT EXISTS {Table} (module TEXT NOT NULL, store_id TEXT NOT NULL, installation_id TEXT NOT NULL, created_at TEXT NOT NULL, manifest TEXT)", transaction);
        Execute(connection, $"DELETE FROM {Table}", transaction);
        using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = $"INSERT INTO {Table} (module, store_id, installation_id, created_at, manifest) VALUES ($module, $store_id, $installation_id, $created_at, NULL)";
            insert.Parameters.AddWithValue("$module", Module);
            insert.Parameters.AddWithValue("$store_id", StoreId);
            insert.Parameters.AddWithValue("$installation_id", InstallationId);
            insert.Parameters.AddWithValue("$created_at", CreatedAt.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            insert.ExecuteNonQuery();
        }

        Execute(connection, $"PRAGMA application_id = {ApplicationId};", transaction);
        transaction.Commit();
    }

    public static void WriteManifestCopy(SqliteConnection connection, string json)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"UPDATE {Table} SET manifest = $manifest";
        command.Parameters.AddWithValue("$manifest", json);
        command.ExecuteNonQuery();
    }

    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
