using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Blux.SharedKernel.Stores;

/// <summary>
/// Group commit, the one way Blux's modules write their hot tables: callers queue an item and wait;
/// the writer takes whatever has queued up (up to <see cref="GroupCommitLimits.MaxBatch"/>), has the
/// module seal it and write it in one transaction, and only then answers each caller with its result.
/// A busy gateway pays one commit for many callers.
/// <list type="bullet">
/// <item>The queue is bounded: past <see cref="GroupCommitLimits.Capacity"/> a caller waits for room.</item>
/// <item>Fail closed: a batch that cannot be sealed or written fails every caller in it with the
/// module's 503 (<see cref="GroupCommitRefusal"/>) and the writer reports itself unhealthy until a batch is written again.</item>
/// <item>A caller that stops waiting withdraws its item if the writer has not taken it yet.</item>
/// <item>A stop takes nothing new, writes what was accepted, then a closing batch, and waits for that at
/// most the drain timeout (<c>Blux:Stores:DrainTimeout</c>): past it the batch in flight is left to the
/// disk (its callers hear when it is done) and what is still queued is refused, never reported durable.</item>
/// </list>
/// The module that owns a writer starts it once its store is ready and stops it once nothing it runs
/// writes any more (ADR 0034).
/// </summary>
public sealed class GroupCommitWriter<TItem, TResult> : IAsyncDisposable
{
    private readonly IGroupCommitBatch<TItem, TResult> _batch;
    private readonly GroupCommitLimits _limits;
    private readonly GroupCommitRefusal _refusal;
    private readonly TimeSpan _drainTimeout;
    private readonly string _name;
    private readonly ILogger _logger;
    private readonly Channel<Pending> _queue;
    private readonly Channel<SealedBatch> _sealed = Channel.CreateBounded<SealedBatch>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
    private readonly CancellationTokenSource _abandon = new();
    private Task _loop = Task.CompletedTask;
    private int _started;
    private Lazy<Task>? _stop;
    private volatile bool _healthy = true;

    /// <param name="name">What the log calls this writer ("audit writer").</param>
    public GroupCommitWriter(IGroupCommitBatch<TItem, TResult> batch, GroupCommitLimits limits, GroupCommitRefusal refusal, TimeSpan drainTimeout, string name, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limits.MaxBatch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(limits.Capacity, 1);
        _batch = batch;
        _limits = limits;
        _refusal = refusal;
        _drainTimeout = drainTimeout;
        _name = name;
        _logger = logger;
        // Not a single reader: a stop that times out refuses what is queued while the loop may still be reading.
        _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(limits.Capacity) { FullMode = BoundedChannelFullMode.Wait });
    }

    /// <summary>False from a batch that could not be made durable until the next one that is.</summary>
    public bool IsHealthy => _healthy;

    /// <summary>Items queued and not yet taken into a batch.</summary>
    public int Queued => _queue.Reader.Count;

    /// <summary>Starts writing; items queued before wait for it. Once only.</summary>
    public void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) == 0)
        {
            _loop = Task.Run(RunAsync, CancellationToken.None);
        }
    }

    /// <summary>
    /// Queues <paramref name="item"/> and answers its result once the batch holding it is durable. A
    /// stopping writer refuses it (<see cref="GroupCommitRefusal"/>). Cancelling
    /// ends the wait with <see cref="GroupCommitAbandonedException"/>; a caller that wants its item
    /// written whatever happens to its wait passes no token and waits with <c>WaitAsync</c>.
    /// </summary>
    public async Task<TResult> WriteAsync(TItem item, CancellationToken cancellationToken = default)
    {
        var pending = new Pending(item);
        if (!_queue.Writer.TryWrite(pending))
        {
            try
            {
                await _queue.Writer.WriteAsync(pending, cancellationToken);
            }
            catch (ChannelClosedException)
            {
                throw _refusal.For(null);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw new GroupCommitAbandonedException(false, cancellationToken);
            }
        }

        if (!cancellationToken.CanBeCanceled)
        {
            return await pending.Completion.Task;
        }

        try
        {
            return await pending.Completion.Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The writer may have answered just as the wait ended: that answer stands.
            if (pending.GiveUp() is not { } withdrawn)
            {
                return await pending.Completion.Task;
            }

            throw new GroupCommitAbandonedException(!withdrawn, cancellationToken);
        }
    }

    /// <summary>Asks for a batch even when nothing is queued (a module that writes on a timer, say).</summary>
    public void RequestBatch() => _queue.Writer.TryWrite(Pending.Wake);

    /// <summary>Drains and stops; safe to call more than once and from several places, each awaits the one stop.</summary>
    public Task StopAsync()
    {
        var stop = new Lazy<Task>(StopOnceAsync);
        return (Interlocked.CompareExchange(ref _stop, stop, null) ?? stop).Value;
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private async Task StopOnceAsync()
    {
        _queue.Writer.TryComplete();
        try
        {
            await _loop.WaitAsync(_drainTimeout);
        }
        catch (TimeoutException)
        {
            // The batch in flight is left to the disk; its callers hear when it is done, so nothing is
            // reported durable that is not. What is still queued or sealed is refused.
            _logger.LogWarning("The {Writer} did not drain within {DrainTimeout}; {Queued} queued items are refused", _name, _drainTimeout, _queue.Reader.Count);
            await _abandon.CancelAsync();
            RefuseQueued();
            return;
        }

        if (Volatile.Read(ref _started) == 0)
        {
            // Never started: nothing took what was queued.
            RefuseQueued();
            return;
        }

        await _batch.CloseAsync();
        _logger.LogInformation("The {Writer} drained and stopped", _name);
    }

    private async Task RunAsync()
    {
        var committing = _limits.SealAhead ? Task.Run(CommitSealedAsync, CancellationToken.None) : Task.CompletedTask;
        try
        {
            var reader = _queue.Reader;
            while (await reader.WaitToReadAsync(_abandon.Token))
            {
                var (items, callers, woken) = Take(reader);
                if (callers.Count > 0 || woken)
                {
                    await SealAsync(items, callers, closing: false);
                }
            }

            await SealAsync([], [], closing: true);
        }
        catch (OperationCanceledException) when (_abandon.IsCancellationRequested)
        {
            RefuseQueued();
        }
        finally
        {
            _sealed.Writer.TryComplete();
            await committing;
        }
    }

    private (List<TItem> Items, List<Pending> Callers, bool Woken) Take(ChannelReader<Pending> reader)
    {
        var items = new List<TItem>();
        var callers = new List<Pending>();
        var woken = false;
        var weight = 0;
        while (weight < _limits.MaxBatch && reader.TryRead(out var pending))
        {
            if (ReferenceEquals(pending, Pending.Wake))
            {
                woken = true;
            }
            else if (pending.TryTake())
            {
                callers.Add(pending);
                items.Add(pending.Item);
                weight += _batch.Weight(pending.Item);
            }
        }

        return (items, callers, woken);
    }

    private async Task SealAsync(List<TItem> items, List<Pending> callers, bool closing)
    {
        GroupCommit<TResult>? commit;
        try
        {
            commit = await _batch.SealAsync(items, closing, _abandon.Token);
        }
        catch (Exception exception)
        {
            Fail(callers, exception);
            return;
        }

        if (commit is null)
        {
            // Nothing to write: only an empty batch may say so; callers are never left waiting.
            Answer(callers, []);
            return;
        }

        if (_limits.SealAhead)
        {
            await _sealed.Writer.WriteAsync(new SealedBatch(callers, commit), CancellationToken.None);
        }
        else
        {
            await CommitAsync(new SealedBatch(callers, commit));
        }
    }

    private async Task CommitSealedAsync()
    {
        await foreach (var batch in _sealed.Reader.ReadAllAsync(CancellationToken.None))
        {
            await CommitAsync(batch);
        }
    }

    private async Task CommitAsync(SealedBatch batch)
    {
        if (_abandon.IsCancellationRequested)
        {
            Refuse(batch.Callers, null);
            return;
        }

        IReadOnlyList<TResult> results;
        try
        {
            results = await batch.Commit();
            if (results.Count != batch.Callers.Count)
            {
                throw new InvalidOperationException($"The batch wrote {results.Count} results for {batch.Callers.Count} items.");
            }
        }
        catch (Exception exception)
        {
            Fail(batch.Callers, exception);
            return;
        }

        _healthy = true;
        Answer(batch.Callers, results);
        try
        {
            await _batch.AfterBatchAsync();
        }
        catch (Exception exception)
        {
            // The batch is durable and answered whatever this says.
            _logger.LogWarning(exception, "The {Writer}'s upkeep after a batch failed", _name);
        }
    }

    private void Answer(List<Pending> callers, IReadOnlyList<TResult> results)
    {
        for (var i = 0; i < callers.Count; i++)
        {
            var pending = callers[i];
            if (i >= results.Count)
            {
                pending.Completion.TrySetException(new InvalidOperationException("The batch wrote nothing for this item."));
            }
            else if (pending.TryAnswer())
            {
                pending.Completion.TrySetResult(results[i]);
            }
            else
            {
                _batch.Abandoned(pending.Item, results[i]);
            }
        }
    }

    private void Fail(List<Pending> callers, Exception exception)
    {
        _healthy = false;
        _logger.LogError(exception, "The {Writer} could not make a batch of {Count} items durable", _name, callers.Count);
        Refuse(callers, exception);
    }

    private void Refuse(List<Pending> callers, Exception? cause)
    {
        if (callers.Count == 0)
        {
            return;
        }

        var refusal = _refusal.For(cause);
        foreach (var pending in callers)
        {
            if (pending.TryAnswer())
            {
                pending.Completion.TrySetException(refusal);
            }
        }
    }

    private void RefuseQueued()
    {
        var left = new List<Pending>();
        while (_queue.Reader.TryRead(out var pending))
        {
            if (!ReferenceEquals(pending, Pending.Wake))
            {
                left.Add(pending);
            }
        }

        Refuse(left, null);
    }

    private sealed record SealedBatch(List<Pending> Callers, GroupCommit<TResult> Commit);

    private sealed class Pending(TItem item)
    {
        // Queued → Taken (writer) → Answered (writer) or Abandoned (caller); Queued → Withdrawn (caller)
        // or Answered (a refusal at the stop).
        private const int QueuedState = 0;
        private const int TakenState = 1;
        private const int AnsweredState = 2;
        private const int WithdrawnState = 3;
        private const int AbandonedState = 4;
        private int _state;

        public static readonly Pending Wake = new(default!);

        public TItem Item => item;

        public TaskCompletionSource<TResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool TryTake() => Interlocked.CompareExchange(ref _state, TakenState, QueuedState) == QueuedState;

        /// <summary>The writer's answer; false when the caller stopped waiting first.</summary>
        public bool TryAnswer() =>
            Interlocked.CompareExchange(ref _state, AnsweredState, TakenState) == TakenState
            || Interlocked.CompareExchange(ref _state, AnsweredState, QueuedState) == QueuedState;

        /// <summary>True: withdrawn before the writer took it. False: left to the disk. Null: answered first.</summary>
        public bool? GiveUp() =>
            Interlocked.CompareExchange(ref _state, WithdrawnState, QueuedState) == QueuedState ? true
            : Interlocked.CompareExchange(ref _state, AbandonedState, TakenState) == TakenState ? false
            : null;
    }
}
