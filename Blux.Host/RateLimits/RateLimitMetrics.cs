using System.Diagnostics.Metrics;

using Blux.Host.Telemetry;

namespace Blux.Host.RateLimits;

/// <summary>Requests refused for their budget, by policy and by the window that refused them.</summary>
internal sealed class RateLimitMetrics
{
    private readonly Counter<long> _refusals;

    public RateLimitMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(HostTelemetry.MeterName);
        _refusals = meter.CreateCounter<long>("blux.rate_limit.refusals", "{request}", "Requests answered 429 because their identity's or address's budget was spent.");
    }

    public void Refused(string policy, BudgetWindow window) =>
        _refusals.Add(1, new KeyValuePair<string, object?>("blux.rate_limit.policy", policy), new KeyValuePair<string, object?>("blux.rate_limit.window", window == BudgetWindow.Minute ? "minute" : "second"));
}
