using Blux.Modules.Guard.Data;
using Blux.Modules.Guard.Domain;
using Blux.SharedKernel.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Blux.Modules.Guard.Audit;

/// <summary>
/// Group commit for the event log: callers hand over their signed events and wait; the writer appends
/// whatever has queued up (at most <see cref="MaxBatch"/> events) in a single transaction, so a busy
/// gateway pays one commit for many tasks' events. Each caller is answered only once its events are durable.
/// </summary>
internal sealed class EventLogWriter : IGroupCommitBatch<IReadOnlyList<EventLogRow>, bool>
{
    private const int MaxBatch = 512;
    private readonly GroupCommitWriter<IReadOnlyList<EventLogRow>, bool> _writer;
    private GuardTableWriter? _table;

    public EventLogWriter(IOptions<StoreWriterOptions> writers, ILogger<EventLogWriter> logger)
    {
        var refusal = new GroupCommitRefusal("event_log", "The event log is shutting down.", "The events could not be made durable.");
        _writer = new(this, new GroupCommitLimits(MaxBatch), refusal, writers.Value.DrainTimeout, "event log writer", logger);
    }

    public void Start(GuardDbContext db, int timeoutSeconds)
    {
        _table = new GuardTableWriter(db.Database.GetConnectionString()!, timeoutSeconds, db.Model, typeof(EventLogRow));
        _writer.Start();
    }

    public Task AppendAsync(IReadOnlyList<EventLogRow> rows, CancellationToken cancellationToken) =>
        _writer.WriteAsync(rows).WaitAsync(cancellationToken);

    /// <summary>Safe to call more than once and from several places: every caller awaits the one stop.</summary>
    public Task StopAsync() => _writer.StopAsync();

    int IGroupCommitBatch<IReadOnlyList<EventLogRow>, bool>.Weight(IReadOnlyList<EventLogRow> item) => item.Count;

    public ValueTask<GroupCommit<bool>?> SealAsync(IReadOnlyList<IReadOnlyList<EventLogRow>> items, bool closing, CancellationToken cancellationToken) =>
        GroupCommitBatch.AsIs(items, batch => _table!.Write(batch.SelectMany(rows => rows), batch));

    public ValueTask AfterBatchAsync() => _table!.AfterBatchAsync();

    public ValueTask CloseAsync() => _table?.CloseAsync() ?? ValueTask.CompletedTask;
}
