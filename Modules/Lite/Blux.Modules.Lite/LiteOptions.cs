namespace Blux.Modules.Lite;

internal sealed class LiteOptions
{
    /// <summary>
    /// Tasks run at once. A run mostly waits for its audit record and events to be durable, and the
    /// workers are asynchronous, so the pool is sized for overlapping those waits, not for the cores.
    /// </summary>
    public int Workers { get; init; } = 32;

    public int MaxAttempts { get; init; } = 3;

    public TimeSpan MaxWait { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The unit of the backoff 2^n × base + random(0, jitter); the seed's is one second.</summary>
    public double RetryBaseSeconds { get; init; } = 1;

    public double RetryJitterSeconds { get; init; } = 1;

    /// <summary>How long running tasks may go on after a stop was asked before they are put back in the queue.</summary>
    /// <summary>Rows an analysis reads from one dataset at most; the rest are left out and the result says so.</summary>
    public int MaxAnalysisRows { get; init; } = 100_000;

    /// <summary>Statements a script may run at most, whatever its time limit: a backstop sized above what
    /// the default 30 s allow on a fast core, so that the doctrine's time limit is the one that binds.</summary>
    public int MaxScriptStatements { get; init; } = 2_000_000_000;

    /// <summary>How deep a script's calls may nest.</summary>
    public int MaxScriptRecursion { get; init; } = 256;

    /// <summary>
    /// Megabytes all running scripts may hold at once; each reserves its memory limit before it runs.
    /// 0 (the default) takes half of the memory the process can see (its container's limit, or the machine's).
    /// </summary>
    public int ScriptMemoryBudgetMb { get; init; }

    /// <summary>The largest script output, in bytes of JSON (counted as it is written, so about).</summary>
    public int MaxScriptOutputBytes { get; init; } = 1_048_576;

    /// <summary>How long every worker may be busy at once before Lite reports itself degraded.</summary>
    public TimeSpan BusyDegradedAfter { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan ShutdownGrace { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>What a stop needs after the grace period: recording interrupted runs, draining the audit and event writers, the stores' marks.</summary>
    public static readonly TimeSpan AfterGrace = TimeSpan.FromSeconds(15);
}
