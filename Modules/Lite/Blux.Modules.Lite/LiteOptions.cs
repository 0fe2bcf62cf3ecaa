namespace Blux.Modules.Lite;

internal sealed class LiteOptions
{
    public int Workers { get; init; } = 4;

    public int MaxAttempts { get; init; } = 3;

    public TimeSpan MaxWait { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The unit of the backoff 2^n × base + random(0, jitter); the seed's is one second.</summary>
    public double RetryBaseSeconds { get; init; } = 1;

    public double RetryJitterSeconds { get; init; } = 1;

    /// <summary>How long running tasks may go on after a stop was asked before they are put back in the queue.</summary>
    public TimeSpan ShutdownGrace { get; init; } = TimeSpan.FromSeconds(10);
}
