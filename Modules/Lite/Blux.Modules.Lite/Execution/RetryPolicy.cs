using Microsoft.Extensions.Options;

namespace Blux.Modules.Lite.Execution;

/// <summary>The retry rule of docs/contract.md#retries: up to N tries, waiting 2^n s + random(0, 1) s after the n-th.</summary>
internal sealed class RetryPolicy(IOptions<LiteOptions> options, Func<double>? jitter = null)
{
    private readonly Func<double> _jitter = jitter ?? Random.Shared.NextDouble;

    public int MaxAttempts => Math.Max(1, options.Value.MaxAttempts);

    public bool CanRetry(int attemptsMade) => attemptsMade < MaxAttempts;

    public TimeSpan DelayAfter(int attempt) =>
        TimeSpan.FromSeconds((Math.Pow(2, Math.Clamp(attempt, 0, 10)) * options.Value.RetryBaseSeconds) + (_jitter() * options.Value.RetryJitterSeconds));
}
