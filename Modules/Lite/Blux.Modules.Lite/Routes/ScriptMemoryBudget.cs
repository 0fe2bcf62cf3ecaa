using Microsoft.Extensions.Options;

namespace Blux.Modules.Lite.Routes;

/// <summary>
/// The memory all running scripts may hold at once (<c>Blux:Lite:ScriptMemoryBudgetMb</c>). A script
/// reserves its memory limit before it starts and gives it back when it ends; while the budget is spent
/// it waits, first come first served, until enough comes back or its time limit ends the wait. A limit
/// larger than the whole budget is granted as the whole budget, so every script can run eventually.
/// </summary>
internal sealed class ScriptMemoryBudget
{
    private readonly object _gate = new();
    private readonly LinkedList<Waiter> _waiters = new();
    private long _reservedMb;

    public ScriptMemoryBudget(IOptions<LiteOptions> options)
    {
        var configured = options.Value.ScriptMemoryBudgetMb;
        TotalMb = configured > 0 ? configured : Math.Max(1, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 2 / (1024 * 1024));
    }

    public long TotalMb { get; }

    public long ReservedMb
    {
        get
        {
            lock (_gate)
            {
                return _reservedMb;
            }
        }
    }

    public int Waiting
    {
        get
        {
            lock (_gate)
            {
                return _waiters.Count;
            }
        }
    }

    /// <summary>What a script asking for <paramref name="limitMb"/> is given: at least 1 MB, at most the whole budget.</summary>
    public long Grant(long limitMb) => Math.Clamp(limitMb, 1, TotalMb);

    /// <summary>
    /// Takes <paramref name="megabytes"/> (already passed through <see cref="Grant"/>) from the budget,
    /// waiting behind earlier requests while it does not fit. Throws <see cref="OperationCanceledException"/>
    /// when <paramref name="cancellationToken"/> fires first; nothing is held then.
    /// </summary>
    public async ValueTask<Reservation> ReserveAsync(long megabytes, CancellationToken cancellationToken)
    {
        if (megabytes < 1 || megabytes > TotalMb)
        {
            throw new ArgumentOutOfRangeException(nameof(megabytes), megabytes, $"A reservation is between 1 and {TotalMb} MB.");
        }

        LinkedListNode<Waiter> node;
        lock (_gate)
        {
            if (_waiters.Count == 0 && _reservedMb + megabytes <= TotalMb)
            {
                _reservedMb += megabytes;
                return new Reservation(this, megabytes);
            }

            cancellationToken.ThrowIfCancellationRequested();
            node = _waiters.AddLast(new Waiter(megabytes));
        }

        using (cancellationToken.Register(() => Abandon(node, cancellationToken)))
        {
            await node.Value.Granted.Task;
        }

        return new Reservation(this, megabytes);
    }

    private void Abandon(LinkedListNode<Waiter> node, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            // Granted already: the reservation stands and is handed back by its owner.
            if (node.List is null)
            {
                return;
            }

            _waiters.Remove(node);
            // The one that gave up may have been holding back smaller requests behind it.
            GrantWaiting();
        }

        node.Value.Granted.TrySetCanceled(cancellationToken);
    }

    private void Release(long megabytes)
    {
        lock (_gate)
        {
            _reservedMb -= megabytes;
            GrantWaiting();
        }
    }

    /// <summary>In order, while the next one fits: a large request is never overtaken for ever by small ones.</summary>
    private void GrantWaiting()
    {
        while (_waiters.First is { } first && _reservedMb + first.Value.Megabytes <= TotalMb)
        {
            _waiters.RemoveFirst();
            _reservedMb += first.Value.Megabytes;
            first.Value.Granted.TrySetResult();
        }
    }

    private sealed class Waiter(long megabytes)
    {
        public long Megabytes { get; } = megabytes;

        public TaskCompletionSource Granted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Memory held from the budget; disposing gives it back (once).</summary>
    internal sealed class Reservation(ScriptMemoryBudget budget, long megabytes) : IDisposable
    {
        private int _released;

        public long Megabytes { get; } = megabytes;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                budget.Release(Megabytes);
            }
        }
    }
}
