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
    /// <summary>The size the write-ahead log is cut back to when SQLite restarts it.</summary>
    public const long JournalSizeLimit = 64L << 20;

    /// <summary>
    /// A writer's own long-lived connection, kept out of the pool: it is never shared, and a pooled
    /// connection disposed while the pool is being cleared can fail on its prepared statements. Its
    /// write-ahead log is cut back to <see cref="JournalSizeLimit"/> each time it restarts, so a log that
    /// grew under a burst does not keep its size on disk.
    /// </summary>
    public static SqliteConnection OpenWriterConnection(string connectionString, int timeoutSeconds)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { Pooling = false };
        var connection = new SqliteConnection(builder.ToString()) { DefaultTimeout = timeoutSeconds };
        connection.Open();
        Apply(connection, timeoutSeconds);
        using var limit = connection.CreateCommand();
        limit.CommandText = "PRAGMA journal_size_limit = " + JournalSizeLimit.ToString(CultureInfo.InvariantCulture) + ";";
        limit.ExecuteNonQuery();
        return connection;
    }

    /// <summary>
    /// After a commit: a write-ahead log past <see cref="JournalSizeLimit"/> means readers kept SQLite's
    /// own checkpoints from starting it over (sustained load). A RESTART checkpoint waits out the reads
    /// of the moment and starts it over, and the size limit cuts the file back. A stat per batch.
    /// </summary>
    public static void RestartLogWhenLarge(SqliteConnection connection)
    {
        var log = new FileInfo(connection.DataSource + "-wal");
        if (log.Exists && log.Length > JournalSizeLimit)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(RESTART);";
            command.ExecuteNonQuery();
        }
    }

    public static void Apply(SqliteConnection connection, int timeoutSeconds)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout = " + (timeoutSeconds * 1000).ToString(CultureInfo.InvariantCulture) + ";";
        command.ExecuteNonQuery();
    }
}
