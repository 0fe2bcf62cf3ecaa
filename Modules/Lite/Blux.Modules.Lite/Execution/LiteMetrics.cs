using System.Diagnostics.Metrics;
using Blux.Modules.Lite.Domain;

namespace Blux.Modules.Lite.Execution;

/// <summary>Lite's meter: tasks submitted and finished by type and status, their run time, the queue and the running tasks.</summary>
internal sealed class LiteMetrics
{
    public const string MeterName = "Blux.Modules.Lite";

    private static readonly double[] DurationBuckets = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

    private readonly Counter<long> _submitted;
    private readonly Counter<long> _finished;
    private readonly Histogram<double> _duration;
    private readonly UpDownCounter<int> _running;

    public LiteMetrics(IMeterFactory meters, TaskQueue queue)
    {
        var meter = meters.Create(MeterName);
        _submitted = meter.CreateCounter<long>("blux.tasks.submitted", "{task}", "Tasks accepted by POST /v1/tasks, by type and the status they were given (queued, awaiting_approval, rejected).");
        _finished = meter.CreateCounter<long>("blux.tasks.finished", "{task}", "Tasks that reached a final status, by type and that status.");
        _duration = meter.CreateHistogram("blux.task.duration", "s", "From a task's start to its final status (tasks that never ran are not measured).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        meter.CreateObservableGauge("blux.tasks.queue.depth", () => queue.Count, "{task}", "Tasks waiting for a worker, including those waiting for their retry time.");
        _running = meter.CreateUpDownCounter<int>("blux.tasks.running", "{task}", "Tasks a worker is running now.");
    }

    public void Running(int change) => _running.Add(change);

    public void Submitted(TaskRecord task) =>
        _submitted.Add(1, new KeyValuePair<string, object?>("task.type", task.Type), new KeyValuePair<string, object?>("task.status", task.Status));

    public void Finished(TaskRecord task)
    {
        var type = new KeyValuePair<string, object?>("task.type", task.Type);
        var status = new KeyValuePair<string, object?>("task.status", task.Status);
        _finished.Add(1, type, status);
        if (task.StartedAt is { } started && task.CompletedAt is { } completed)
        {
            _duration.Record(Math.Max(0, (completed - started).TotalSeconds), type, status);
        }
    }
}
