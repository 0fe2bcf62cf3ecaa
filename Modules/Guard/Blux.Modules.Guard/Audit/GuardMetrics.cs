using System.Diagnostics.Metrics;

namespace Blux.Modules.Guard.Audit;

/// <summary>Guard's meter: audit appends, the size of each group commit, how long an append waits to be durable, the checkpoint's age.</summary>
internal sealed class GuardMetrics
{
    public const string MeterName = "Blux.Modules.Guard";

    private static readonly double[] LatencyBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
    private static readonly int[] BatchBuckets = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512];

    private readonly Meter _meter;
    private readonly Counter<long> _appends;
    private readonly Histogram<int> _batchSize;
    private readonly Histogram<double> _appendDuration;

    public GuardMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _appends = _meter.CreateCounter<long>("blux.audit.appends", "{record}", "Audit records made durable.");
        _batchSize = _meter.CreateHistogram("blux.audit.batch.size", "{record}", "Records written by one group commit.",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = BatchBuckets });
        _appendDuration = _meter.CreateHistogram("blux.audit.append.duration", "s", "From an append's request to its record being durable and signed.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
    }

    /// <summary>The writer owns the chain head, so it hands over how to read the last checkpoint's time.</summary>
    public void ObserveCheckpoint(Func<DateTimeOffset?> lastCheckpointAt, TimeProvider clock) =>
        _meter.CreateObservableGauge(
            "blux.audit.checkpoint.age",
            () => lastCheckpointAt() is { } at ? [new Measurement<double>(Math.Max(0, (clock.GetUtcNow() - at).TotalSeconds))] : Array.Empty<Measurement<double>>(),
            "s",
            "Time since the last signed checkpoint of the audit chain was made durable (absent before the first).");

    public void Written(int records, IEnumerable<TimeSpan> waits)
    {
        _appends.Add(records);
        _batchSize.Record(records);
        foreach (var wait in waits)
        {
            _appendDuration.Record(wait.TotalSeconds);
        }
    }
}
