using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Blux.Modules.Guard.Contracts;
using Blux.Modules.Guard.Data;
using Blux.Modules.Guard.Domain;
using Blux.Modules.Reg.Contracts;
using Blux.SharedKernel;
using Blux.SharedKernel.Crypto;
using Blux.SharedKernel.Errors;
using Blux.SharedKernel.Json;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Blux.Modules.Guard.Audit;

/// <summary>
/// The single writer of the audit chain. Callers queue entries; the writer takes whatever has queued
/// up, assigns order and chain hashes, has Reg sign the whole batch (in parallel), writes it in one
/// transaction and only then answers each caller. Sealing and writing are two stages, so the next
/// batch is signed while the last one is written. A batch that cannot be made durable fails every
/// caller in it (and in any batch sealed on top of it) with 503 and leaves the chain as it was.
/// </summary>
internal sealed class AuditWriter
{
    private readonly Channel<PendingAppend> _queue = Channel.CreateUnbounded<PendingAppend>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IServiceScopeFactory _scopes;
    private readonly Redactor _redactor;
    private readonly AuditBroadcaster _broadcaster;
    private readonly RecentAuditRecords _recent;
    private readonly TimeProvider _clock;
    private readonly GuardOptions _options;
    private readonly ILogger<AuditWriter> _logger;
    private readonly GuardMetrics _metrics;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Channel<SealedBatch> _sealed = Channel.CreateBounded<SealedBatch>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
    private readonly object _restart = new();
    private ChainHead _head = ChainHead.Empty;
    private ChainHead _sealedHead = ChainHead.Empty;
    private int _generation;
    private Task _loop = Task.CompletedTask;
    private AuditStore? _store;

    public AuditWriter(IServiceScopeFactory scopes, Redactor redactor, AuditBroadcaster broadcaster, RecentAuditRecords recent, GuardMetrics metrics, TimeProvider clock, IOptions<GuardOptions> options, ILogger<AuditWriter> logger)
    {
        _metrics = metrics;
        metrics.ObserveCheckpoint(() => Head is { CheckpointSeq: > 0 } head ? head.CheckpointAt : null, clock);
        _scopes = scopes;
        _redactor = redactor;
        _broadcaster = broadcaster;
        _recent = recent;
        _clock = clock;
        _options = options.Value;
        _logger = logger;
    }

    public ChainHead Head => Volatile.Read(ref _head);

    public bool IsHealthy { get; private set; } = true;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GuardDbContext>();
        _head = await LoadHeadAsync(db, cancellationToken);
        _sealedHead = _head;
        _store = new AuditStore(db.Database.GetConnectionString()!, _options.StoreTimeoutSeconds);
        _loop = Task.Run(RunAsync, CancellationToken.None);
    }

    public Task<AuditReceipt> AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        var pending = new PendingAppend(Prepare(entry), new TaskCompletionSource<AuditReceipt>(TaskCreationOptions.RunContinuationsAsynchronously), Stopwatch.GetTimestamp());
        if (!_queue.Writer.TryWrite(pending))
        {
            throw BluxException.Unavailable("audit_store", "The audit log is shutting down.");
        }

        return pending.Completion.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Stops taking entries, writes what is queued and a checkpoint at the head, then stops the checkpoint timer.</summary>
    public async Task StopAsync()
    {
        if (!_queue.Writer.TryComplete())
        {
            return;
        }

        try
        {
            await _loop.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            // The batch in flight is abandoned; its callers were not answered, so nothing is lost
            // that was reported durable.
            _logger.LogWarning("Audit writer did not drain within 10 s");
            await _stopping.CancelAsync();
            return;
        }

        await _stopping.CancelAsync();
        _store?.Dispose();
    }

    /// <summary>Everything that does not depend on chain order is done on the caller's thread.</summary>
    private PreparedEntry Prepare(AuditEntry entry)
    {
        var data = Shape(_redactor.Redact(entry.Data) as JsonObject, entry.AuditLevel);

        // At detailed and verbose a record names the trace it was written in, which leads from the
        // audit log to the request's spans and log lines.
        if (entry.AuditLevel is AuditLevels.Detailed or AuditLevels.Verbose && Activity.Current is { } activity && !data.ContainsKey("trace_id"))
        {
            data["trace_id"] = activity.TraceId.ToHexString();
        }

        return new PreparedEntry(
            entry.AuditId ?? BluxId.New(BluxId.Audit, _clock),
            entry,
            CanonicalJson.ToText(new JsonArray(entry.DoctrineFlagsApplied.Select(f => (JsonNode)f).ToArray())),
            CanonicalJson.ToText(new JsonArray(entry.RelatedEvents.Select(e => (JsonNode)e).ToArray())),
            CanonicalJson.ToText(data));
    }

    /// <summary><c>none</c> keeps nothing; <c>basic</c> top-level values; <c>detailed</c> all but the payload; <c>verbose</c> all.</summary>
    private static JsonObject Shape(JsonObject? data, string level)
    {
        var shaped = new JsonObject();
        if (level == AuditLevels.None || data is null)
        {
            return shaped;
        }

        shaped["audit_level"] = level;
        foreach (var (key, value) in data)
        {
            var keep = level switch
            {
                AuditLevels.Basic => value is null or JsonValue,
                AuditLevels.Detailed => key is not "payload" and not "result",
                _ => true,
            };
            if (keep)
            {
                shaped[key] = value?.DeepClone();
            }
        }

        return shaped;
    }

    /// <summary>
    /// Stage one: take whatever has queued, seal it (order, hashes, signatures) on top of the chain as
    /// sealed so far, and hand it to stage two. Sealing batch N+1 overlaps the disk write of batch N.
    /// </summary>
    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        var ticker = Task.Run(TickAsync, CancellationToken.None);
        var storing = Task.Run(StoreAsync, CancellationToken.None);
        while (await reader.WaitToReadAsync(CancellationToken.None))
        {
            var batch = new List<PendingAppend>(_options.MaxAuditBatch);
            var ticked = false;
            while (batch.Count < _options.MaxAuditBatch && reader.TryRead(out var pending))
            {
                if (pending.IsTick)
                {
                    ticked = true;
                }
                else
                {
                    batch.Add(pending);
                }
            }

            if (batch.Count > 0 || (ticked && CheckpointDue(0)))
            {
                var sealedBatch = await SealAsync(batch);
                if (sealedBatch is not null)
                {
                    await _sealed.Writer.WriteAsync(sealedBatch, CancellationToken.None);
                }
            }
        }

        // A clean stop leaves a signed checkpoint at the head, so a tail cut while Blux is stopped is
        // detectable: by verify, and by the store check at the next start, which reads it as its mark.
        var last = Volatile.Read(ref _sealedHead);
        if (last.Seq > 0 && last.Seq != last.CheckpointSeq && await SealAsync([], forceCheckpoint: true) is { } final)
        {
            await _sealed.Writer.WriteAsync(final, CancellationToken.None);
        }

        _sealed.Writer.TryComplete();
        await storing;
        await _stopping.CancelAsync();
        await ticker;
    }

    /// <summary>
    /// Stage two: write each sealed batch in one transaction, then answer its callers. A failed write
    /// fails its batch and every batch sealed on top of it, and the chain restarts from what is durable.
    /// </summary>
    private async Task StoreAsync()
    {
        await foreach (var batch in _sealed.Reader.ReadAllAsync(CancellationToken.None))
        {
            if (batch.Generation != Volatile.Read(ref _generation))
            {
                Fail(batch.Callers, null);
                continue;
            }

            try
            {
                _store!.Write(batch.Rows, batch.Checkpoint);
            }
            catch (Exception exception)
            {
                Fail(batch.Callers, exception);
                await RestartFromStoreAsync();
                continue;
            }

            Volatile.Write(ref _head, batch.HeadAfter);
            IsHealthy = true;
            _recent.Add(batch.Rows);
            _broadcaster.Publish(batch.Rows);
            for (var i = 0; i < batch.Rows.Count; i++)
            {
                var row = batch.Rows[i];
                batch.Callers[i].Completion.TrySetResult(new AuditReceipt(row.AuditId, row.Seq, row.RecordHash, row.Signature));
            }

            if (batch.Rows.Count > 0)
            {
                _metrics.Written(batch.Rows.Count, batch.Callers.Select(c => Stopwatch.GetElapsedTime(c.RequestedAt)));
            }
        }
    }

    /// <summary>Wakes the writer every checkpoint period, so a quiet chain still gets its checkpoint.</summary>
    private async Task TickAsync()
    {
        using var timer = new PeriodicTimer(_options.CheckpointEvery, _clock);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token))
            {
                _queue.Writer.TryWrite(PendingAppend.Tick);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private bool CheckpointDue(int adding)
    {
        var head = Volatile.Read(ref _sealedHead);
        var sequenced = head.Seq + adding;
        if (sequenced == head.CheckpointSeq)
        {
            return false;
        }

        return sequenced - head.CheckpointSeq >= _options.CheckpointEveryRecords
            || _clock.GetUtcNow() - head.CheckpointAt >= _options.CheckpointEvery;
    }

    /// <summary>Orders, hashes and signs a batch on top of the sealed head; null when it could not be sealed.</summary>
    private async Task<SealedBatch?> SealAsync(List<PendingAppend> batch, bool forceCheckpoint = false)
    {
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            var sender = scope.ServiceProvider.GetRequiredService<ISender>();
            var generation = Volatile.Read(ref _generation);
            var now = _clock.GetUtcNow();
            var timestamp = BluxTime.ToText(now);
            List<AuditRecordRow> rows;
            CheckpointRow? checkpoint;
            IReadOnlyList<string> signatures;
            for (var attempt = 0; ; attempt++)
            {
                // Asked per batch: a pending key becomes the signer when its valid_after passes, with no event.
                var keyId = await sender.Send(new GetActiveAuditKey(), _stopping.Token);
                (rows, checkpoint) = Sequence(batch, keyId, timestamp, forceCheckpoint);
                var payloads = rows.Select(r => System.Text.Encoding.ASCII.GetBytes(r.RecordHash)).ToList();
                if (checkpoint is not null)
                {
                    payloads.Add(AuditRecordForm.CheckpointSigningBytes(checkpoint));
                }

                try
                {
                    signatures = await sender.Send(new SignWithAuditKey(keyId, payloads), _stopping.Token);
                    break;
                }
                catch (BluxException) when (attempt == 0)
                {
                    // The audit key rotated between the two calls: hash the batch again under the
                    // key that signs now (key_id is part of every record's hash).
                }
            }

            for (var i = 0; i < rows.Count; i++)
            {
                rows[i].Signature = signatures[i];
            }

            if (checkpoint is not null)
            {
                checkpoint.Signature = signatures[^1];
            }

            var head = Volatile.Read(ref _sealedHead);
            var last = rows.Count > 0 ? rows[^1] : null;
            var headAfter = checkpoint is null
                ? head with { Seq = last?.Seq ?? head.Seq, Hash = last?.RecordHash ?? head.Hash }
                : new ChainHead(checkpoint.Seq, checkpoint.HeadHash, checkpoint.Seq, now, checkpoint.CheckpointId);
            lock (_restart)
            {
                if (generation != _generation)
                {
                    Fail(batch, null);
                    return null;
                }

                _sealedHead = headAfter;
            }

            return new SealedBatch(generation, rows, checkpoint, headAfter, batch);
        }
        catch (Exception exception)
        {
            Fail(batch, exception);
            return null;
        }
    }

    private void Fail(IReadOnlyList<PendingAppend> callers, Exception? exception)
    {
        if (exception is not null)
        {
            IsHealthy = false;
            _logger.LogError(exception, "Audit batch of {Count} records could not be made durable", callers.Count);
        }

        var failure = BluxException.Unavailable("audit_store", "The audit record could not be made durable; the operation was not performed.");
        foreach (var pending in callers)
        {
            pending.Completion.TrySetException(failure);
        }
    }

    /// <summary>Gives the batch its place in the chain under one key: seq, prev_hash, key_id, record_hash.</summary>
    private (List<AuditRecordRow> Rows, CheckpointRow? Checkpoint) Sequence(List<PendingAppend> batch, string keyId, string timestamp, bool forceCheckpoint)
    {
        var rows = new List<AuditRecordRow>(batch.Count);
        var head = Volatile.Read(ref _sealedHead);
        var seq = head.Seq;
        var prevHash = head.Hash;
        foreach (var pending in batch)
        {
            var entry = pending.Entry;
            var row = new AuditRecordRow
            {
                Seq = ++seq,
                AuditId = entry.AuditId,
                Timestamp = timestamp,
                Service = entry.Source.Service,
                Operation = entry.Source.Operation,
                Identity = entry.Source.Identity,
                InputHash = entry.Source.InputHash,
                OutputHash = entry.Source.OutputHash,
                DoctrineFlagsApplied = entry.DoctrineFlagsJson,
                RelatedEvents = entry.RelatedEventsJson,
                Status = entry.Source.Status,
                DurationMs = entry.Source.DurationMs,
                Data = entry.DataJson,
                PrevHash = prevHash,
                RecordHash = string.Empty,
                KeyId = keyId,
                Signature = string.Empty,
            };
            row.RecordHash = AuditRecordForm.ComputeHash(row);
            prevHash = row.RecordHash;
            rows.Add(row);
        }

        var checkpoint = forceCheckpoint || CheckpointDue(rows.Count)
            ? new CheckpointRow
            {
                CheckpointId = BluxId.New(BluxId.Checkpoint, _clock),
                Seq = seq,
                HeadHash = prevHash,
                Timestamp = timestamp,
                KeyId = keyId,
                Signature = string.Empty,
            }
            : null;
        return (rows, checkpoint);
    }

    /// <summary>After a failed write: forget what was sealed but not stored, and continue from the store.</summary>
    private async Task RestartFromStoreAsync()
    {
        ChainHead durable;
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            durable = await LoadHeadAsync(scope.ServiceProvider.GetRequiredService<GuardDbContext>(), _stopping.Token);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            _logger.LogError(exception, "Audit chain head could not be reloaded; continuing from the last durable head");
            durable = Volatile.Read(ref _head);
        }

        lock (_restart)
        {
            _generation++;
            _sealedHead = durable;
            _head = durable;
        }
    }

    private async Task<ChainHead> LoadHeadAsync(GuardDbContext db, CancellationToken cancellationToken)
    {
        var last = await db.AuditRecords.AsNoTracking().OrderByDescending(r => r.Seq)
            .Select(r => new { r.Seq, r.RecordHash }).FirstOrDefaultAsync(cancellationToken);
        var checkpoint = await db.Checkpoints.AsNoTracking().OrderByDescending(c => c.Seq)
            .FirstOrDefaultAsync(cancellationToken);
        var checkpointAt = checkpoint is not null && BluxTime.TryParse(checkpoint.Timestamp, out var at) ? at : _clock.GetUtcNow();
        return new ChainHead(last?.Seq ?? 0, last?.RecordHash ?? BluxHash.Genesis, checkpoint?.Seq ?? 0, checkpointAt, checkpoint?.CheckpointId);
    }

    private sealed record SealedBatch(int Generation, List<AuditRecordRow> Rows, CheckpointRow? Checkpoint, ChainHead HeadAfter, List<PendingAppend> Callers);

    private sealed record PreparedEntry(string AuditId, AuditEntry Source, string DoctrineFlagsJson, string RelatedEventsJson, string DataJson);

    private sealed record PendingAppend(PreparedEntry Entry, TaskCompletionSource<AuditReceipt> Completion, long RequestedAt)
    {
        public static readonly PendingAppend Tick = new(null!, null!, 0);

        public bool IsTick => ReferenceEquals(this, Tick);
    }
}

/// <summary>The last record of the chain and the last checkpoint, as the writer knows them.</summary>
internal sealed record ChainHead(long Seq, string Hash, long CheckpointSeq, DateTimeOffset CheckpointAt, string? CheckpointId)
{
    public static readonly ChainHead Empty = new(0, BluxHash.Genesis, 0, DateTimeOffset.MinValue, null);
}
