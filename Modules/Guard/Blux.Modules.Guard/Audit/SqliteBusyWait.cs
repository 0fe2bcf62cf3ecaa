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

    /// <summary>How long a RESTART checkpoint waits for the reads of the moment, and how often one is tried.</summary>
    public static readonly TimeSpan RestartWait = TimeSpan.FromMilliseconds(250);

    public static readonly TimeSpan RestartEvery = TimeSpan.FromSeconds(60);

    /// <summary>
    /// After a commit: a write-ahead log past <see cref="JournalSizeLimit"/> means readers kept SQLite's
    /// own checkpoints from starting it over (sustained load). A RESTART checkpoint waits out the reads
    /// of the moment, for <see cref="RestartWait"/> at most so that a long reader (an export) never holds
    /// the writer up, and starts the log over; the size limit cuts the file back. A stat per batch and
    /// after a try that started the log over, the next one <see cref="RestartEvery"/> later at the
    /// soonest (five seconds after one the readers held off); <paramref name="timeoutSeconds"/> is the
    /// connection's busy wait, put back after.
    /// </summary>
    public static void RestartLogWhenLarge(SqliteConnection connection, int timeoutSeconds, ref long nextTry)
    {
        var log = new FileInfo(connection.DataSource + "-wal");
        var now = Environment.TickCount64;
        if (!log.Exists || log.Length <= JournalSizeLimit || now < nextTry)
        {
            return;
        }

        nextTry = now + 5_000;
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = {(int)RestartWait.TotalMilliseconds}; PRAGMA wal_checkpoint(RESTART);";
        try
        {
            // The checkpoint answers (busy, log frames, frames checkpointed); busy 0 means it started the log over.
            if (Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
            {
                nextTry = now + (long)RestartEvery.TotalMilliseconds;
            }
        }
        finally
        {
            Apply(connection, timeoutSeconds);
        }
    }

    public static void Apply(SqliteConnection connection, int timeoutSeconds)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout = " + (timeoutSeconds * 1000).ToString(CultureInfo.InvariantCulture) + ";";
        command.ExecuteNonQuery();
    }
}
