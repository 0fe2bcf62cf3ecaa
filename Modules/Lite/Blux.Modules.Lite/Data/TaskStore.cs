using Blux.Modules.Lite.Domain;
using Blux.SharedKernel.Errors;
using Blux.SharedKernel.Modules;
using Blux.SharedKernel.Stores;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Blux.Modules.Lite.Data;

/// <summary>
/// The only writer of Lite's task rows. Writes queue up on the shared group-commit writer and are
/// committed together, many tasks per transaction, on one connection; each caller hears whether its own
/// write applied. The owner starts it once lite.db is migrated and stops it once the workers are done. Updates are
/// optimistic: a row changes only when it still has the version the caller read.
/// <para>
/// Being the only writer, the store also keeps the rows it has just written (<see cref="RecentTasks"/>):
/// a task is read again moments after each write (by the worker it is handed to, by a client waiting
/// for its end), and those reads are answered from memory. A row written longer ago is read from the file.
/// </para>
/// <para>
/// A request never waits on the file longer than <c>Blux:Lite:StoreTimeoutSeconds</c>: past it the call
/// fails with 503. A write the writer had not yet taken is dropped; one already in a transaction that
/// the disk is holding up may still apply later, and then an insert is removed again (its request was
/// refused, and nothing was audited for it) and an update runs its caller's <c>ifLate</c>.
/// </para>
/// </summary>
internal sealed class TaskStore : IGroupCommitBatch<TaskStore.Write, int>, IAsyncDisposable
{
    private const int MaxBatch = 256;

    /// <summary>How many tasks' rows are kept in memory after their last write (about a second's worth at full load).</summary>
    internal const int RecentCapacity = 1024;

    public const int DefaultStoreTimeoutSeconds = 5;

    /// <summary>The size the write-ahead log is cut back to when SQLite restarts it.</summary>
    public const long JournalSizeLimit = 64L << 20;

    private readonly string _connectionString;
    private readonly ILogger<TaskStore> _logger;
    private readonly GroupCommitWriter<Write, int> _writer;
    private readonly RecentTasks _recent = new(RecentCapacity);
    private readonly TimeSpan _timeout;
    private Writer? _connection;
    private long _nextLogRestart;

    public TaskStore(IConfiguration configuration, IOptions<LiteOptions> options, ILogger<TaskStore> logger, IOptions<StoreWriterOptions>? writers = null)
    {
        _connectionString = BluxPaths.SqliteConnectionString(configuration, "lite");
        // One store timeout for the whole host unless Lite is given its own; both are checked at start.
        var storeTimeout = options.Value.StoreTimeoutSeconds ?? configuration.GetValue("Blux:Guard:StoreTimeoutSeconds", DefaultStoreTimeoutSeconds);
        _timeout = TimeSpan.FromSeconds(storeTimeout);
        _logger = logger;
        var refusal = new GroupCommitRefusal("task_store", "The task store is shutting down.", "The task could not be written to the store.");
        _writer = new(this, new GroupCommitLimits(MaxBatch), refusal, (writers?.Value ?? new StoreWriterOptions()).DrainTimeout, "task writer", logger);
    }

    public void Start() => _writer.Start();

    /// <summary>Writes what was accepted and stops; later writes are refused with 503.</summary>
    public Task StopAsync() => _writer.StopAsync();

    /// <summary>The rows kept in memory after their last write, for the status endpoint.</summary>
    public RecentTasks Recent => _recent;

    /// <summary>
    /// Inserts a new row; false when a task with that id exists already. Waits at most the store
    /// timeout (503 past it; a row that still lands afterwards is removed).
    /// </summary>
    public async Task<bool> InsertAsync(TaskRecord task) => await EnqueueAsync(new Write(WriteKind.Insert, task, task.Version), deadline: true) == 1;

    /// <summary>
    /// Writes the row's mutable state if nobody changed it since it was read; bumps its version when it did.
    /// With <paramref name="ifLate"/> the caller (a request) waits at most the store timeout, 503 past it,
    /// and <paramref name="ifLate"/> runs should the write still apply; without it the caller (a worker, off
    /// the request path) waits as long as the store takes.
    /// </summary>
    public async Task<bool> UpdateAsync(TaskRecord task, Action? ifLate = null)
    {
        var applied = await EnqueueAsync(new Write(WriteKind.Update, task, task.Version) { IfLate = ifLate }, deadline: ifLate is not null) == 1;
        if (applied)
        {
            task.Version++;
        }

        return applied;
    }

    public async Task<bool> DeleteAsync(TaskRecord task) => await EnqueueAsync(new Write(WriteKind.Delete, task, task.Version), deadline: false) == 1;

    /// <summary>The row as last committed: from memory when it was written recently, else from the file.</summary>
    public async Task<TaskRecord?> FindAsync(string taskId, CancellationToken cancellationToken)
    {
        // A caller that has gone (a client that hung up) stops here, from memory as from the file.
        cancellationToken.ThrowIfCancellationRequested();
        if (_recent.TryGet(taskId) is { } recent)
        {
            return recent;
        }

        // SQLite reads synchronously under its async methods: on a thread of its own, a read the disk
        // holds up is given up at the store timeout instead of holding the request with it.
        try
        {
            return await Task.Run(() => ReadAsync(taskId, cancellationToken), cancellationToken).WaitAsync(_timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw BluxException.Unavailable("task_store", $"The task store did not answer within {_timeout.TotalSeconds:0} s.");
        }
    }

    private async Task<TaskRecord?> ReadAsync(string taskId, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = TaskColumns.SelectSql + " WHERE task_id = @task_id";
        command.Parameters.AddWithValue("@task_id", taskId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? TaskColumns.Read(reader) : null;
    }

    /// <summary>Rows with a change still pending (read at start-up, not on hot paths).</summary>
    public Task<IReadOnlyList<TaskRecord>> FindPendingAsync(CancellationToken cancellationToken) =>
        FindManyAsync("pending_json IS NOT NULL ORDER BY created_at, task_id", [], cancellationToken);

    /// <summary>Rows in one status, oldest first (read at start-up, not on hot paths).</summary>
    public Task<IReadOnlyList<TaskRecord>> FindByStatusAsync(string status, CancellationToken cancellationToken) =>
        FindManyAsync("status = @status ORDER BY created_at, task_id", [("@status", status)], cancellationToken);

    /// <summary>The newest rows created since <paramref name="since"/> with no change pending, newest first (read at start-up).</summary>
    public Task<IReadOnlyList<TaskRecord>> FindNewestSettledAsync(int count, DateTimeOffset since, CancellationToken cancellationToken) =>
        FindManyAsync(
            "pending_json IS NULL AND created_at >= @since ORDER BY created_at DESC, task_id DESC LIMIT @count",
            [("@since", since == DateTimeOffset.MinValue ? long.MinValue : TaskColumns.Of(nameof(TaskRecord.CreatedAt)).Mapped.ToStore(since)), ("@count", count)],
            cancellationToken);

    public async ValueTask DisposeAsync() => await _writer.StopAsync();

    private async Task<IReadOnlyList<TaskRecord>> FindManyAsync(string condition, IReadOnlyList<(string Name, object? Value)> parameters, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"{TaskColumns.SelectSql} WHERE {condition}";
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<TaskRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(TaskColumns.Read(reader));
        }

        return rows;
    }

    private async Task<int> EnqueueAsync(Write write, bool deadline)
    {
        if (!deadline)
        {
            return await _writer.WriteAsync(write);
        }

        using var timeout = new CancellationTokenSource(_timeout);
        try
        {
            return await _writer.WriteAsync(write, timeout.Token);
        }
        catch (GroupCommitAbandonedException abandoned)
        {
            _logger.LogWarning(
                "A write of task {TaskId} waited {Seconds} s for the task store and was {Fate}",
                write.Task.TaskId,
                _timeout.TotalSeconds,
                abandoned.MayBeWritten ? "left to the disk" : "dropped");
            throw BluxException.Unavailable("task_store", $"The task store did not answer within {_timeout.TotalSeconds:0} s; nothing was changed that the request relied on.");
        }
    }

    public ValueTask<GroupCommit<int>?> SealAsync(IReadOnlyList<Write> items, bool closing, CancellationToken cancellationToken) =>
        GroupCommitBatch.AsIs<Write, int>(items, CommitAsync);

    /// <summary>A write whose request gave up while the disk held it, and which applied after all.</summary>
    public void Abandoned(Write write, int applied)
    {
        if (applied != 1)
        {
            return;
        }

        if (write.Kind == WriteKind.Insert)
        {
            _logger.LogWarning("Task {TaskId} reached the store after its request was refused; it is removed", write.Task.TaskId);
            _ = RemoveAsync(write);
        }
        else if (write.IfLate is { } ifLate)
        {
            _ = Task.Run(ifLate);
        }
    }

    public async ValueTask AfterBatchAsync()
    {
        if (_connection is not null)
        {
            await RestartLogWhenLargeAsync(_connection.Connection);
        }
    }

    public async ValueTask CloseAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }

    private async Task RemoveAsync(Write late)
    {
        try
        {
            await _writer.WriteAsync(new Write(WriteKind.Delete, late.Task, late.Version));
        }
        catch (BluxException exception)
        {
            _logger.LogWarning("Task {TaskId}, refused and stored late, could not be removed: {Reason}", late.Task.TaskId, exception.Message);
        }
    }

    private async ValueTask<IReadOnlyList<int>> CommitAsync(IReadOnlyList<Write> batch)
    {
        var results = new List<int>(batch.Count);
        try
        {
            _connection ??= await Writer.OpenAsync(_connectionString, _timeout);
            await using var transaction = _connection.Connection.BeginTransaction();
            foreach (var write in batch)
            {
                var (statement, command) = write.Kind switch
                {
                    WriteKind.Insert => (TaskColumns.Insert, _connection.Insert),
                    WriteKind.Update => (TaskColumns.Update, _connection.Update),
                    _ => (TaskColumns.Delete, _connection.Delete),
                };
                command.Transaction = transaction;
                statement.Bind(command, write.Task, write.Version);
                results.Add(await command.ExecuteNonQueryAsync());
            }

            await transaction.CommitAsync();
        }
        catch
        {
            // The next batch starts on a fresh connection. Whether anything of this one reached the file
            // is unknown: its rows are read from there again.
            await CloseAsync();
            foreach (var write in batch)
            {
                _recent.Forget(write.Task.TaskId);
            }

            throw;
        }

        // The memory copy follows the file before any caller hears back, so a caller that
        // retries after a refused write reads what refused it.
        for (var i = 0; i < batch.Count; i++)
        {
            Remember(batch[i], results[i]);
        }

        return results;
    }

    /// <summary>
    /// A write-ahead log past <see cref="JournalSizeLimit"/> means readers kept SQLite's own checkpoints
    /// from starting it over (sustained load): a RESTART checkpoint waits out the reads of the moment,
    /// 250 ms at most so that a long reader never holds the writer up, and starts it over; the size
    /// limit cuts the file back. A stat per batch; after a try that started the log over the next comes a
    /// minute later at the soonest, after one the readers held off, five seconds later.
    /// </summary>
    private async Task RestartLogWhenLargeAsync(SqliteConnection connection)
    {
        var log = new FileInfo(connection.DataSource + "-wal");
        var now = Environment.TickCount64;
        if (!log.Exists || log.Length <= JournalSizeLimit || now < _nextLogRestart)
        {
            return;
        }

        _nextLogRestart = now + 5_000;
        await using var command = connection.CreateCommand();
        try
        {
            // The checkpoint answers (busy, log frames, frames checkpointed); busy 0 means it started the log over.
            command.CommandText = "PRAGMA busy_timeout=250; PRAGMA wal_checkpoint(RESTART);";
            if (Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) == 0)
            {
                _nextLogRestart = now + 60_000;
            }
        }
        catch (SqliteException exception)
        {
            // The batch is durable and answered whatever this says; a later batch starts the log over.
            _logger.LogWarning("The task store's write-ahead log of {Bytes} bytes could not be started over: {Reason}", log.Length, exception.Message);
        }
        finally
        {
            command.CommandText = $"PRAGMA busy_timeout={(int)(3 * _timeout.TotalMilliseconds)};";
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Keeps a copy of the row as this write left it (a refused write left it as it was).</summary>
    private void Remember(Write write, int applied)
    {
        if (applied != 1)
        {
            return;
        }

        switch (write.Kind)
        {
            case WriteKind.Delete:
                _recent.Forget(write.Task.TaskId);
                break;
            case WriteKind.Insert:
                _recent.Put(write.Task.Snapshot(write.Version));
                break;
            default:
                _recent.Put(write.Task.Snapshot(write.Version + 1));
                break;
        }
    }

    /// <summary>The writer's connection and its three prepared statements.</summary>
    private sealed class Writer(SqliteConnection connection, SqliteCommand insert, SqliteCommand update, SqliteCommand delete) : IAsyncDisposable
    {
        public SqliteConnection Connection => connection;

        public SqliteCommand Insert => insert;

        public SqliteCommand Update => update;

        public SqliteCommand Delete => delete;

        public static async Task<Writer> OpenAsync(string connectionString, TimeSpan timeout)
        {
            // A connection of its own for the writer's whole life: out of the pool, so that clearing the
            // pools elsewhere in the process never touches it or its prepared statements.
            var connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
            try
            {
                await connection.OpenAsync();
                await using (var pragma = connection.CreateCommand())
                {
                    // The writer waits out a held lock three times as long as a request waits for it, so
                    // that what a worker handed over lands once the store is free; a request has given up
                    // by then. After each reset the write-ahead log is cut back to 64 MiB.
                    pragma.CommandText = $"PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout={(int)(3 * timeout.TotalMilliseconds)}; PRAGMA journal_size_limit={JournalSizeLimit};";
                    await pragma.ExecuteNonQueryAsync();
                }

                return new Writer(
                    connection,
                    TaskColumns.Insert.Prepare(connection),
                    TaskColumns.Update.Prepare(connection),
                    TaskColumns.Delete.Prepare(connection));
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            await insert.DisposeAsync();
            await update.DisposeAsync();
            await delete.DisposeAsync();
            await connection.DisposeAsync();
        }
    }

    internal enum WriteKind
    {
        Insert,
        Update,
        Delete,
    }

    internal sealed record Write(WriteKind Kind, TaskRecord Task, long Version)
    {
        public Action? IfLate { get; init; }
    }
}
