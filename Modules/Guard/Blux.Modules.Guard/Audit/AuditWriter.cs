using System.Diagnostics;
using System.Text.Json.Nodes;
using Blux.Modules.Guard.Contracts;
using Blux.Modules.Guard.Data;
using Blux.Modules.Guard.Domain;
using Blux.Modules.Reg.Contracts;
using Blux.SharedKernel;
using Blux.SharedKernel.Crypto;
using Blux.SharedKernel.Errors;
using Blux.SharedKernel.Events;
using Blux.SharedKernel.Json;
using Blux.SharedKernel.Stores;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Blux.Modules.Guard.Audit;

/// <summary>
/// The single writer of the audit chain, on the shared group-commit writer: callers queue entries; each
/// batch is given its order and chain hashes, signed by Reg as a whole (in parallel), written in one
/// transaction and only then answered. Sealing runs ahead of writing, so the next batch is signed while
/// the last one is written. A batch that cannot be made durable fails every caller in it (and in any
/// batch sealed on top of it) with 503 and leaves the chain as it was. A quiet chain still gets its
/// checkpoint every <c>CheckpointEvery</c>; a stop writes one at the head.
/// </summary>
internal sealed class AuditWriter : IGroupCommitBatch<AuditWriter.PreparedEntry, AuditReceipt>
{
    private readonly IServiceScopeFactory _scopes;
    private readonly Redactor _redactor;
    private readonly AuditBroadcaster _broadcaster;
    private readonly RecentAuditRecords _recent;
    private readonly TimeProvider _clock;
    private readonly GuardOptions _options;
    private readonly ILogger<AuditWriter> _logger;
    private readonly GuardMetrics _metrics;
    private readonly GroupCommitWriter<PreparedEntry, AuditReceipt> _writer;
    private readonly CancellationTokenSource _stopping = new();
    private readonly object _restart = new();
    private ChainHead _head = ChainHead.Empty;
    private ChainHead _sealedHead = ChainHead.Empty;
    private int _generation;
    private Task _ticker = Task.CompletedTask;
    private GuardTableWriter? _table;

    public AuditWriter(IServiceScopeFactory scopes, Redactor redactor, AuditBroadcaster broadcaster, RecentAuditRecords recent, GuardMetrics metrics, TimeProvider clock, IOptions<GuardOptions> options, IOptions<StoreWriterOptions> writers, ILogger<AuditWriter> logger)
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
        var refusal = new GroupCommitRefusal("audit_store", "The audit log is shutting down.", "The audit record could not be made durable; the operation was not performed.");
        _writer = new(this, new GroupCommitLimits(_options.MaxAuditBatch, SealAhead: true), refusal, writers.Value.DrainTimeout, "audit writer", logger);
    }

    public ChainHead Head => Volatile.Read(ref _head);

    public bool IsHealthy => _writer.IsHealthy;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GuardDbContext>();
        _head = await LoadHeadAsync(db, cancellationToken);
        _sealedHead = _head;
        _table = new GuardTableWriter(db.Database.GetConnectionString()!, _options.StoreTimeoutSeconds, db.Model, typeof(AuditRecordRow), typeof(CheckpointRow));
        _writer.Start();
        _ticker = Task.Run(TickAsync, CancellationToken.None);
    }

    /// <summary>
    /// Answers once the record is durable. Cancelling ends the wait only: an entry once handed over is
    /// written, so that what was done is audited even when its caller has gone.
    /// </summary>
    public Task<AuditReceipt> AppendAsync(AuditEntry entry, CancellationToken cancellationToken) =>
        _writer.WriteAsync(Prepare(entry)).WaitAsync(cancellationToken);

    /// <summary>Stops taking entries, writes what is queued and a checkpoint at the head, then stops the checkpoint timer.</summary>
    public async Task StopAsync()
    {
        await _writer.StopAsync();
        await _stopping.CancelAsync();
        await _ticker;
    }

    /// <summary>Everything that does not depend on chain order is done on the caller's thread.</summary>
    private PreparedEntry Prepare(AuditEntry entry)
    {
        var data = AuditRecordForm.ShapeData(_redactor.Redact(entry.Data) as JsonObject, entry.AuditLevel);

        // At detailed and verbose a record names the trace it was written in, which leads from the
        // audit log to the request's spans and log lines.
        if (entry.AuditLevel is AuditLevel.Detailed or AuditLevel.Verbose && Activity.Current is { } activity && !data.ContainsKey("trace_id"))
        {
            data["trace_id"] = activity.TraceId.ToHexString();
        }

        return new PreparedEntry(
            entry.AuditId ?? BluxId.New(BluxId.Audit, _clock),
            entry,
            CanonicalJson.ToText(new JsonArray(entry.DoctrineFlagsApplied.Select(f => (JsonNode)f).ToArray())),
            CanonicalJson.ToText(new JsonArray(entry.RelatedEvents.Select(e => (JsonNode)e).ToArray())),
            CanonicalJson.ToText(data),
            Stopwatch.GetTimestamp());
    }

    /// <summary>
    /// Stage one: orders, hashes and signs the batch on top of the chain as sealed so far. An empty batch
    /// (the checkpoint timer's, or the closing one) is a checkpoint when one is due, else nothing.
    /// </summary>
    public async ValueTask<GroupCommit<AuditReceipt>?> SealAsync(IReadOnlyList<PreparedEntry> batch, bool closing, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            // A clean stop leaves a signed checkpoint at the head, so a tail cut while Blux is stopped is
            // detectable: by verify, and by the store check at the next start, which reads it as its mark.
            var last = Volatile.Read(ref _sealedHead);
            if (closing ? last.Seq == 0 || last.Seq == last.CheckpointSeq : !CheckpointDue(0))
            {
                return null;
            }
        }

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
            var keyId = await sender.Send(new GetActiveAuditKey(), cancellationToken);
            (rows, checkpoint) = Sequence(batch, keyId, timestamp, forceCheckpoint: closing);
            var payloads = rows.Select(r => System.Text.Encoding.ASCII.GetBytes(r.RecordHash)).ToList();
            if (checkpoint is not null)
            {
                payloads.Add(AuditRecordForm.CheckpointSigningBytes(checkpoint));
            }

            try
            {
                signatures = await sender.Send(new SignWithAuditKey(keyId, payloads), cancellationToken);
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
        var lastRow = rows.Count > 0 ? rows[^1] : null;
        var headAfter = checkpoint is null
            ? head with { Seq = lastRow?.Seq ?? head.Seq, Hash = lastRow?.RecordHash ?? head.Hash }
            : new ChainHead(checkpoint.Seq, checkpoint.HeadHash, checkpoint.Seq, now, checkpoint.CheckpointId);
        lock (_restart)
        {
            if (generation != _generation)
            {
                throw ChainRestarted();
            }

            _sealedHead = headAfter;
        }

        return () => StoreAsync(new SealedBatch(generation, rows, checkpoint, headAfter, batch));
    }

    public ValueTask AfterBatchAsync() => _table!.AfterBatchAsync();

    public ValueTask CloseAsync() => _table?.CloseAsync() ?? ValueTask.CompletedTask;

    private static InvalidOperationException ChainRestarted() =>
        new("The batch was sealed on top of one that could not be written; the chain continues from the store.");

    /// <summary>
    /// Stage two: writes a sealed batch in one transaction. A failed write fails its batch and every
    /// batch sealed on top of it, and the chain restarts from what is durable.
    /// </summary>
    private async ValueTask<IReadOnlyList<AuditReceipt>> StoreAsync(SealedBatch batch)
    {
        if (batch.Generation != Volatile.Read(ref _generation))
        {
            throw ChainRestarted();
        }

        try
        {
            await _table!.Write(batch.Checkpoint is null ? batch.Rows : batch.Rows.Append<object>(batch.Checkpoint), batch.Rows);
        }
        catch
        {
            await RestartFromStoreAsync();
            throw;
        }

        Volatile.Write(ref _head, batch.HeadAfter);
        _recent.Add(batch.Rows);
        _broadcaster.Publish(batch.Rows);
        if (batch.Rows.Count > 0)
        {
            _metrics.Written(batch.Rows.Count, batch.Entries.Select(e => Stopwatch.GetElapsedTime(e.RequestedAt)));
        }

        return batch.Rows.Select(row => new AuditReceipt(row.AuditId, row.Seq, row.RecordHash, row.Signature)).ToList();
    }

    /// <summary>Wakes the writer every checkpoint period, so a quiet chain still gets its checkpoint.</summary>
    private async Task TickAsync()
    {
        using var timer = new PeriodicTimer(_options.CheckpointEvery, _clock);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token))
            {
                _writer.RequestBatch();
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

    /// <summary>Gives the batch its place in the chain under one key: seq, prev_hash, key_id, record_hash.</summary>
    private (List<AuditRecordRow> Rows, CheckpointRow? Checkpoint) Sequence(IReadOnlyList<PreparedEntry> batch, string keyId, string timestamp, bool forceCheckpoint)
    {
        var rows = new List<AuditRecordRow>(batch.Count);
        var head = Volatile.Read(ref _sealedHead);
        var seq = head.Seq;
        var prevHash = head.Hash;
        foreach (var entry in batch)
        {
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

    /// <summary>An entry with everything that does not depend on its place in the chain done.</summary>
    internal sealed record PreparedEntry(string AuditId, AuditEntry Source, string DoctrineFlagsJson, string RelatedEventsJson, string DataJson, long RequestedAt);

    private sealed record SealedBatch(int Generation, List<AuditRecordRow> Rows, CheckpointRow? Checkpoint, ChainHead HeadAfter, IReadOnlyList<PreparedEntry> Entries);
}

/// <summary>The last record of the chain and the last checkpoint, as the writer knows them.</summary>
internal sealed record ChainHead(long Seq, string Hash, long CheckpointSeq, DateTimeOffset CheckpointAt, string? CheckpointId)
{
    public static readonly ChainHead Empty = new(0, BluxHash.Genesis, 0, DateTimeOffset.MinValue, null);
}
