using System.ComponentModel.DataAnnotations;

namespace Blux.Host.RateLimits;

/// <summary>A budget: requests per minute, and the burst allowed within any one second of it.</summary>
internal sealed class RateLimitBudget
{
    [Range(1, 10_000_000)]
    public int PerMinute { get; set; }

    [Range(1, 1_000_000)]
    public int PerSecond { get; set; }
}
