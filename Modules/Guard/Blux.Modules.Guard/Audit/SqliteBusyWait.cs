using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Blux.Modules.Guard.Audit;

/// <summary>
/// The audit and event writers share guard.db. Without a busy timeout, a writer that finds the other
/// holding the lock is retried by the driver after a fixed 150 ms sleep; with one, SQLite itself waits
/// in steps of a few milliseconds, so the two writers take turns at disk speed.
/// </summary>
internal static class SqliteBusyWait
{
    /// <summary>
    /// A writer's own long-lived connection, kept out of the pool: it is never shared, and a pooled
    /// connection disposed while the pool is being cleared can fail on its prepared statements.
    /// </summary>
    public static SqliteConnection OpenWriterConnection(string connectionString, int timeoutSeconds)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { Pooling = false };
        var connection = new SqliteConnection(builder.ToString()) { DefaultTimeout = timeoutSeconds };
        connection.Open();
        Apply(connection, timeoutSeconds);
        return connection;
    }

    public static void Apply(SqliteConnection connection, int timeoutSeconds)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout = " + (timeoutSeconds * 1000).ToString(CultureInfo.InvariantCulture) + ";";
        command.ExecuteNonQuery();
    }
}
