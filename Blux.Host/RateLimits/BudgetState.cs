namespace Blux.Host.RateLimits;

internal enum BudgetWindow
{
    Minute,
    Second,
}

/// <summary>Where a budget stood when a request asked for a permit.</summary>
internal sealed record BudgetState(
    RateLimitBudget Budget,
    int MinuteRemaining,
    TimeSpan MinuteResetIn,
    int SecondRemaining,
    TimeSpan SecondResetIn,
    BudgetWindow? RefusedBy)
{
    /// <summary>Whole seconds, rounded up, and at least 1: a client told 0 would retry at once.</summary>
    public static long Seconds(TimeSpan span) => Math.Max(1, (long)Math.Ceiling(span.TotalSeconds));

    public TimeSpan RetryAfter => RefusedBy == BudgetWindow.Second ? SecondResetIn : MinuteResetIn;
}
