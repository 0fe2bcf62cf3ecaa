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
    private readonly OrderedBudget _budget;

    public ScriptMemoryBudget(IOptions<LiteOptions> options)
    {
        var configured = options.Value.ScriptMemoryBudgetMb;
        _budget = new OrderedBudget(configured > 0 ? configured : Math.Max(1, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 2 / (1024 * 1024)));
    }

    public long TotalMb => _budget.Capacity;

    public long ReservedMb => _budget.Reserved;

    public int Waiting => _budget.Waiting;

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

        await _budget.TakeAsync(megabytes, cancellationToken);
        return new Reservation(_budget, megabytes);
    }

    /// <summary>Memory held from the budget; disposing gives it back (once).</summary>
    internal sealed class Reservation(OrderedBudget budget, long megabytes) : IDisposable
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
