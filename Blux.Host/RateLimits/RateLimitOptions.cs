namespace Blux.Host.RateLimits;

/// <summary>Per-identity request budgets (docs/contract.md#rate-limits), bound from <c>Blux:RateLimits</c>.</summary>
internal sealed class RateLimitOptions
{
    public const string Section = "Blux:RateLimits";

    /// <summary>Off only for load runs that measure Blux itself, not its limits.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Identities of kind <c>user</c>.</summary>
    public RateLimitBudget Users { get; set; } = new() { PerMinute = 100, PerSecond = 50 };

    /// <summary>Identities of kind <c>service</c>.</summary>
    public RateLimitBudget Services { get; set; } = new() { PerMinute = 1000, PerSecond = 50 };

    /// <summary>Requests under <c>/v1</c> without a valid token (<c>POST /v1/tokens</c> above all), per client address.</summary>
    public RateLimitBudget Anonymous { get; set; } = new() { PerMinute = 60, PerSecond = 10 };
}
