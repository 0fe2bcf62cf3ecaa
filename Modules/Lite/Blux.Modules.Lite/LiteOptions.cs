using System.ComponentModel.DataAnnotations;

namespace Blux.Modules.Lite;

/// <summary>The <c>Blux:Lite</c> settings (<c>Webhooks</c> apart: <see cref="Routes.WebhookSettings"/>), bound and checked before Blux starts.</summary>
internal sealed class LiteOptions
{
    public const string Section = "Blux:Lite";

    /// <summary>
    /// Tasks run at once. A run mostly waits for its audit record and events to be durable, and the
    /// workers are asynchronous, so the pool is sized for overlapping those waits, not for the cores.
    /// </summary>
    [Range(1, 1024)]
    public int Workers { get; set; } = 32;

    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 3;

    [Range(0.0, 3600.0)]
    public double MaxWaitSeconds { get; set; } = 60;

    public TimeSpan MaxWait => TimeSpan.FromSeconds(MaxWaitSeconds);

    /// <summary>The unit of the backoff 2^n × base + random(0, jitter); one second by default (docs/contract.md#retries).</summary>
    [Range(0.0, 3600.0)]
    public double RetryBaseSeconds { get; set; } = 1;

    [Range(0.0, 3600.0)]
    public double RetryJitterSeconds { get; set; } = 1;

    /// <summary>Rows an analysis reads from one dataset at most; the rest are left out and the result says so.</summary>
    [Range(1, int.MaxValue)]
    public int MaxAnalysisRows { get; set; } = 100_000;

    /// <summary>Statements a script may run at most, whatever its time limit: a backstop sized above what
    /// the default 30 s allow on a fast core, so that the doctrine's time limit is the one that binds.</summary>
    [Range(1, int.MaxValue)]
    public int MaxScriptStatements { get; set; } = 2_000_000_000;

    /// <summary>How deep a script's calls may nest.</summary>
    [Range(1, 10_000)]
    public int MaxScriptRecursion { get; set; } = 256;

    /// <summary>
    /// Megabytes all running scripts may hold at once; each reserves its memory limit before it runs.
    /// 0 (the default) takes half of the memory the process can see (its container's limit, or the machine's).
    /// </summary>
    [Range(0, int.MaxValue)]
    public int ScriptMemoryBudgetMb { get; set; }

    /// <summary>The largest script output, in bytes of JSON (counted as it is written, so about).</summary>
    [Range(1, int.MaxValue)]
    public int MaxScriptOutputBytes { get; set; } = 1_048_576;

    /// <summary>How long every worker may be busy at once before Lite reports itself degraded.</summary>
    [Range(0.0, 86_400.0)]
    public double BusyDegradedSeconds { get; set; } = 30;

    public TimeSpan BusyDegradedAfter => TimeSpan.FromSeconds(BusyDegradedSeconds);

    /// <summary>How long running tasks may go on after a stop was asked before they are interrupted and put back in the queue.</summary>
    [Range(0.0, 3600.0)]
    public double ShutdownGraceSeconds { get; set; } = 10;

    public TimeSpan ShutdownGrace => TimeSpan.FromSeconds(ShutdownGraceSeconds);

    /// <summary>What a stop needs after the grace period: recording interrupted runs, draining the audit and event writers, the stores' marks.</summary>
    public static readonly TimeSpan AfterGrace = TimeSpan.FromSeconds(15);

    /// <summary>How long a request waits for <c>lite.db</c>; Guard's store timeout when not set.</summary>
    [Range(1, 3600)]
    public int? StoreTimeoutSeconds { get; set; }
}
