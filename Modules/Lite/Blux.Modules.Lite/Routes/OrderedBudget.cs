namespace Blux.Modules.Lite.Routes;

/// <summary>
/// A quantity (megabytes, bytes) shared by many holders, granted strictly in the order it was asked
/// for: a request that does not fit waits, and holds back every later one, so a large request is
/// never overtaken for ever by small ones. The units are the owner's.
/// </summary>
internal sealed class OrderedBudget(long capacity)
{
    private readonly Lock _gate = new();
    private readonly LinkedList<Waiter> _waiting = new();
    private long _reserved;

    public long Capacity { get; } = capacity;

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
    /// Takes <paramref name="amount"/>, waiting behind earlier requests while it does not fit. Throws
    /// <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> ends the wait;
    /// nothing is held then, even when the grant came at the same moment.
    /// </summary>
    public async ValueTask TakeAsync(long amount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(amount, Capacity);
        Waiter waiter;
        LinkedListNode<Waiter> node;
        lock (_gate)
        {
            if (_waiting.Count == 0 && _reserved + amount <= Capacity)
            {
                _reserved += amount;
                return;
            }

            cancellationToken.ThrowIfCancellationRequested();
            waiter = new Waiter(amount);
            node = _waiting.AddLast(waiter);
        }

        try
        {
            await waiter.Granted.Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            lock (_gate)
            {
                if (waiter.Granted.Task.IsCompleted)
                {
                    // Granted just as the wait ended: the amount is held, so give it back.
                    _reserved -= amount;
                }
                else
                {
                    _waiting.Remove(node);
                }

                // The one that gave up may have been what held the others back.
                GrantWaiting();
            }

            throw;
        }
    }

    public void Release(long amount)
    {
        lock (_gate)
        {
            _reserved -= amount;
            GrantWaiting();
        }
    }

    /// <summary>In order, while the next one fits.</summary>
    private void GrantWaiting()
    {
        while (_waiting.First is { } first && _reserved + first.Value.Amount <= Capacity)
        {
            _reserved += first.Value.Amount;
            _waiting.RemoveFirst();
            first.Value.Granted.TrySetResult();
        }
    }

    private sealed class Waiter(long amount)
    {
        public long Amount { get; } = amount;

        public TaskCompletionSource Granted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
