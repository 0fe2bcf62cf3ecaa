using System.Threading.Channels;
using Blux.Modules.Guard.Domain;
using Blux.SharedKernel.Errors;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Blux.Modules.Guard.Audit;

/// <summary>
/// Group commit for the event log: callers hand over their signed events and wait; one writer takes
/// whatever has queued up and appends it in a single transaction, so a busy gateway pays one commit
/// for many tasks' events. Each caller is answered only once its events are durable.
/// </summary>
internal sealed class EventLogWriter(ILogger<EventLogWriter> logger)
{
    private const int MaxBatch = 512;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private Task _loop = Task.CompletedTask;
    private SqliteConnection? _connection;
    private SqliteCommand? _insert;
    private string _connectionString = string.Empty;
    private int _timeoutSeconds;
    private Lazy<Task>? _stop;

    public void Start(string connectionString, int timeoutSeconds)
    {
        _connectionString = connectionString;
        _timeoutSeconds = timeoutSeconds;
        _loop = Task.Run(RunAsync, CancellationToken.None);
    }

    public Task AppendAsync(IReadOnlyList<EventLogRow> rows, CancellationToken cancellationToken)
    {
        var pending = new Pending(rows, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            throw BluxException.Unavailable("event_log", "The event log is shutting down.");
        }

        return pending.Completion.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Safe to call more than once and from several places: every caller awaits the one stop.</summary>
    public Task StopAsync()
    {
        var stop = new Lazy<Task>(StopOnceAsync);
        return (Interlocked.CompareExchange(ref _stop, stop, null) ?? stop).Value;
    }

    private async Task StopOnceAsync()
    {
        _queue.Writer.TryComplete();
        try
        {
            await _loop.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            logger.LogWarning("Event log writer did not drain within 10 s");
            return;
        }

        // Only the loop uses the connection, and it has ended.
        Close();
    }

    private async Task RunAsync()
    {
        var batch = new List<Pending>();
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            var count = 0;
            while (count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
                count += pending.Rows.Count;
            }

            try
            {
                Write(batch);
                foreach (var pending in batch)
                {
                    pending.Completion.TrySetResult();
                }
            }
            catch (Exception exception)
            {
                logger.LogError(exception, "A batch of {Count} events could not be made durable", count);
                Close();
                var failure = BluxException.Unavailable("event_log", "The events could not be made durable.");
                foreach (var pending in batch)
                {
                    pending.Completion.TrySetException(failure);
                }
            }
        }
    }

    private void Write(List<Pending> batch)
    {
        if (_connection is null)
        {
            _connection = SqliteBusyWait.OpenWriterConnection(_connectionString, _timeoutSeconds);
            _insert = _connection.CreateCommand();
            _insert.CommandText = "INSERT INTO event_log (event_id, task_id, event_type, audit_id, timestamp, json) VALUES ($event_id, $task_id, $event_type, $audit_id, $timestamp, $json)";
            _insert.CommandTimeout = _timeoutSeconds;
            foreach (var name in new[] { "$event_id", "$task_id", "$event_type", "$audit_id", "$timestamp", "$json" })
            {
                _insert.Parameters.Add(new SqliteParameter(name, DBNull.Value));
            }

            _insert.Prepare();
        }

        using var transaction = _connection.BeginTransaction();
        _insert!.Transaction = transaction;
        var p = _insert.Parameters;
        foreach (var row in batch.SelectMany(b => b.Rows))
        {
            p["$event_id"].Value = row.EventId;
            p["$task_id"].Value = (object?)row.TaskId ?? DBNull.Value;
            p["$event_type"].Value = row.EventType;
            p["$audit_id"].Value = row.AuditId;
            p["$timestamp"].Value = row.Timestamp;
            p["$json"].Value = row.Json;
            _insert.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private void Close()
    {
        _insert?.Dispose();
        _connection?.Dispose();
        _insert = null;
        _connection = null;
    }

    private sealed record Pending(IReadOnlyList<EventLogRow> Rows, TaskCompletionSource Completion);
}
