using Microsoft.Extensions.Options;

namespace Blux.Modules.Lite.Routes;

/// <summary>
/// The bytes all webhook deliveries in flight may hold for their answers together
/// (<c>AnswerBudgetBytes</c>), so that many large answers at once cannot exhaust the host's memory. A
/// delivery reserves the largest answer it may keep before it is sent, gives back what the answer's
/// declared or actual size leaves over, and returns the rest when it ends. Reservations are granted in
/// the order they were asked, so a large one is not passed over forever by small ones.
/// </summary>
internal sealed class WebhookAnswerBudget(IOptions<WebhookOptions> options, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private readonly LinkedList<Waiter> _waiting = new();
    private long _reserved;

    public long Capacity => options.Value.AnswerBudgetBytes;

    public long Reserved
    {
        get
        {
            lock (_gate)
            {
                return _reserved;
            }
        }
    }

    public int Waiting
    {
        get
        {
            lock (_gate)
            {
                return _waiting.Count;
            }
        }
    }

    /// <summary>
    /// Holds <paramref name="bytes"/> of the budget, waiting up to <c>AnswerBudgetWaitSeconds</c> for
    /// room; null when there was none by then. Throws when <paramref name="cancellationToken"/> ends the wait.
    /// </summary>
    public async Task<Lease?> ReserveAsync(long bytes, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bytes, Capacity);
        Waiter waiter;
        LinkedListNode<Waiter> node;
        lock (_gate)
        {
            if (_waiting.Count == 0 && _reserved + bytes <= Capacity)
            {
                _reserved += bytes;
                return new Lease(this, bytes);
            }

            waiter = new Waiter(bytes);
            node = _waiting.AddLast(waiter);
        }

        using var timeout = new CancellationTokenSource(options.Value.AnswerBudgetWait, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            await waiter.Granted.Task.WaitAsync(linked.Token);
            return new Lease(this, bytes);
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            lock (_gate)
            {
                if (waiter.Granted.Task.IsCompleted)
                {
                    // Granted just as the wait ended: the bytes are held, so give them back.
                    _reserved -= bytes;
                }
                else
                {
                    _waiting.Remove(node);
                }

                // The head of the line may have been what held the others back.
                GrantWaiting();
            }

            cancellationToken.ThrowIfCancellationRequested();
            return null;
        }
    }

    private void Release(long bytes)
    {
        lock (_gate)
        {
            _reserved -= bytes;
            GrantWaiting();
        }
    }

    private void GrantWaiting()
    {
        while (_waiting.First is { } first && _reserved + first.Value.Bytes <= Capacity)
        {
            _reserved += first.Value.Bytes;
            _waiting.RemoveFirst();
            first.Value.Granted.TrySetResult();
        }
    }

    private sealed class Waiter(long bytes)
    {
        public long Bytes { get; } = bytes;

        public TaskCompletionSource Granted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Bytes held by one delivery (used by that delivery alone); disposing returns them.</summary>
    internal sealed class Lease(WebhookAnswerBudget owner, long bytes) : IDisposable
    {
        public long Held { get; private set; } = bytes;

        /// <summary>Keeps only <paramref name="bytes"/> when that is less than what is held, and returns the rest.</summary>
        public void ShrinkTo(long bytes)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(bytes);
            if (bytes < Held)
            {
                owner.Release(Held - bytes);
                Held = bytes;
            }
        }

        public void Dispose()
        {
            owner.Release(Held);
            Held = 0;
        }
    }
}
