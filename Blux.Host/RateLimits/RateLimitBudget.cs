namespace Blux.Host.RateLimits;

/// <summary>A budget: requests per minute, and the burst allowed within any one second of it.</summary>
internal sealed class RateLimitBudget
{
    public int PerMinute { get; set; }

    public int PerSecond { get; set; }

    public bool IsValid => PerMinute > 0 && PerSecond > 0;
}
