using System.Threading.RateLimiting;

namespace Blux.Host.RateLimits;

/// <summary>
/// One identity's (or address's) budget: a fixed one-minute window and a fixed one-second burst
/// window, both on <see cref="TimeProvider"/>. The framework's window limiters read the stopwatch
/// and cannot say when their window ends, which the <c>X-RateLimit-Reset</c> header needs.
/// </summary>
internal sealed class BudgetLimiter(RateLimitBudget budget, TimeProvider clock) : RateLimiter
{
    public static readonly MetadataName<BudgetState> State = MetadataName.Create<BudgetState>("blux.rate_limit.state");

    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private DateTimeOffset _minuteStart = DateTimeOffset.MinValue;
    private DateTimeOffset _secondStart = DateTimeOffset.MinValue;
    private int _minuteUsed;
    private int _secondUsed;
    private long _granted;
    private long _refused;

    /// <summary>
    /// Null while the minute window runs: the partitioned limiter drops limiters idle for a while, and
    /// dropping one mid-window would hand its identity a fresh budget.
    /// </summary>
    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_gate)
            {
                var idle = clock.GetUtcNow() - (_minuteStart + Minute);
                return idle < TimeSpan.Zero ? null : idle;
            }
        }
    }

    public override RateLimiterStatistics GetStatistics()
    {
        lock (_gate)
        {
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = Math.Min(budget.PerMinute - _minuteUsed, budget.PerSecond - _secondUsed),
                TotalSuccessfulLeases = _granted,
                TotalFailedLeases = _refused,
            };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            if (now >= _minuteStart + Minute)
            {
                _minuteStart = now;
                _minuteUsed = 0;
            }

            if (now >= _secondStart + Second)
            {
                _secondStart = now;
                _secondUsed = 0;
            }

            var refusedBy = _minuteUsed + permitCount > budget.PerMinute ? BudgetWindow.Minute
                : _secondUsed + permitCount > budget.PerSecond ? BudgetWindow.Second
                : (BudgetWindow?)null;
            if (refusedBy is null)
            {
                _minuteUsed += permitCount;
                _secondUsed += permitCount;
                _granted++;
            }
            else
            {
                _refused++;
            }

            var state = new BudgetState(
                budget,
                Math.Max(0, budget.PerMinute - _minuteUsed),
                _minuteStart + Minute - now,
                Math.Max(0, budget.PerSecond - _secondUsed),
                _secondStart + Second - now,
                refusedBy);
            return new BudgetLease(state);
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));

    private sealed class BudgetLease(BudgetState state) : RateLimitLease
    {
        public override bool IsAcquired => state.RefusedBy is null;

        public override IEnumerable<string> MetadataNames => [State.Name, MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (metadataName == State.Name)
            {
                metadata = state;
                return true;
            }

            if (metadataName == MetadataName.RetryAfter.Name && state.RefusedBy is { } window)
            {
                metadata = window == BudgetWindow.Minute ? state.MinuteResetIn : state.SecondResetIn;
                return true;
            }

            metadata = null;
            return false;
        }
    }
}
