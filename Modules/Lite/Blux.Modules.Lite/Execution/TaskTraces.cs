using System.Collections.Concurrent;
using System.Diagnostics;
using Blux.Modules.Lite.Domain;
using Blux.SharedKernel.Pipeline;

namespace Blux.Modules.Lite.Execution;

/// <summary>
/// Remembers the trace each accepted task was submitted in, so that its <c>task_execution</c> span,
/// started later by a worker, is a child of the submission and the task is one trace (ADR 0033).
/// Held in memory until the task ends, for at most <see cref="MaxRemembered"/> tasks at once: a task
/// run after a restart, or past that bound, starts a trace of its own.
/// </summary>
internal sealed class TaskTraces
{
    public const int MaxRemembered = 100_000;

    public static readonly ActivitySource Source = BluxActivitySources.For("lite");

    private readonly ConcurrentDictionary<string, ActivityContext> _submitted = new(StringComparer.Ordinal);

    public int Count => _submitted.Count;

    public void Submitted(string taskId)
    {
        if (Activity.Current is { } current && _submitted.Count < MaxRemembered)
        {
            _submitted[taskId] = current.Context;
        }
    }

    /// <summary>The span of one run of the task, with the attributes the integration guide names.</summary>
    public Activity? StartExecution(TaskRecord task)
    {
        _submitted.TryGetValue(task.TaskId, out var parent);
        var activity = Source.StartActivity("task_execution", ActivityKind.Internal, parent);
        activity?.SetTag(BluxActivitySources.TaskIdTag, task.TaskId)
            .SetTag("user.id", task.Identity)
            .SetTag("task.type", task.Type)
            .SetTag("route", task.Route)
            .SetTag("task.attempt", task.Attempts);
        return activity;
    }

    public static void Finished(Activity? execution, TaskRecord task)
    {
        if (execution is null)
        {
            return;
        }

        execution.SetTag("status", task.Status);
        if (task.ErrorCode is { } code && task.Status != Contracts.TaskStatuses.Completed)
        {
            execution.SetTag("error.type", code);
            if (task.Status != Contracts.TaskStatuses.Queued)
            {
                execution.SetStatus(ActivityStatusCode.Error, code);
            }
        }
    }

    public void Ended(string taskId) => _submitted.TryRemove(taskId, out _);
}
