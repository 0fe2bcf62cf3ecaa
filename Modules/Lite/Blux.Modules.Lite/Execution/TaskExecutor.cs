using System.Diagnostics;
using System.Text.Json.Nodes;
using Blux.Modules.Guard.Contracts;
using Blux.Modules.Lite.Contracts;
using Blux.Modules.Lite.Data;
using Blux.Modules.Lite.Domain;
using Blux.Modules.Lite.Routes;
using Blux.SharedKernel.Errors;
using Blux.SharedKernel.Json;
using Microsoft.Extensions.Logging;

namespace Blux.Modules.Lite.Execution;

/// <summary>
/// Runs one queued task: running → route under the doctrine's time cap → pending outcome → audit
/// <c>task.execute</c> with input and output hashes → TaskCompleted or TaskFailed → terminal state.
/// A transient failure goes back to the queue with backoff while tries remain. The outcome is kept on
/// the row before its audit record is written, so a crash after the route finished records that
/// outcome on restart instead of running the route again. Whatever happens after the task was accepted
/// ends it with a code: a result that cannot be stored fails it <c>RESULT_NOT_STORABLE</c>, and a run
/// cut off before its outcome was kept is handled as an interrupted one.
/// </summary>
internal sealed class TaskExecutor(
    TaskStore store,
    TaskTransitions transitions,
    RouteRegistry routes,
    RunningTasks running,
    TaskQueue queue,
    RetryPolicy retries,
    ExecutionRecords records,
    InterruptedRuns interruptedRuns,
    TaskTraces traces,
    TimeProvider clock,
    ILogger<TaskExecutor> logger)
{
    /// <param name="taskId">The task to run.</param>
    /// <param name="interrupt">Fires when the host stops and the grace period is over.</param>
    /// <returns>The task as it was left.</returns>
    public async Task<TaskRecord?> ExecuteAsync(string taskId, CancellationToken interrupt)
    {
        var task = await store.FindAsync(taskId, CancellationToken.None);
        if (task is null)
        {
            return null;
        }

        if (task.PendingJson is not null)
        {
            return task.Status == TaskStatuses.Running ? await transitions.CompleteAsync(task, recovering: true) : task;
        }

        if (task.Status == TaskStatuses.Running && !running.IsRunning(taskId))
        {
            // Its run in this process failed before the outcome was kept (the store refused the write,
            // say): no worker will finish it, so it ends like a run cut off by a crash, without the crash.
            logger.LogWarning("Task {TaskId} is running with no worker and no outcome kept; handled as interrupted", taskId);
            return await transitions.RunAsync(taskId, t => interruptedRuns.Plan(t, crashed: false), CancellationToken.None);
        }

        if (task.Status != TaskStatuses.Queued)
        {
            return task;
        }

        if (task.NotBefore is { } notBefore && notBefore > clock.GetUtcNow())
        {
            queue.EnqueueAt(taskId, notBefore);
            return task;
        }

        using var execution = traces.StartExecution(task);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["task_id"] = taskId, ["Module"] = "lite" });
        using var registration = running.Register(taskId);
        TaskLifecycle.EnsureCanMove(task, TaskStatuses.Running, TaskAction.Execute);
        task.Status = TaskStatuses.Running;
        task.StartedAt = clock.GetUtcNow();
        task.NotBefore = null;
        task.Attempts++;
        if (!await store.UpdateAsync(task))
        {
            // Someone changed the row since it was read (a cancel, say): look again from the queue.
            queue.Enqueue(taskId);
            return task;
        }

        var record = await RunRouteAsync(task, registration, interrupt);
        var recorded = await RecordAsync(task, record);
        TaskTraces.Finished(execution, recorded);
        return recorded;
    }

    private async Task<ExecutionRecord> RunRouteAsync(TaskRecord task, RunningTasks.Registration registration, CancellationToken interrupt)
    {
        var payload = (JsonObject)JsonNode.Parse(task.PayloadJson)!;
        var limits = Limits(task);
        routes.TryGet(task.Type, out var route);
        var started = Stopwatch.GetTimestamp();
        JsonNode? result = null;
        string status;
        string? errorCode = null;
        string? errorMessage = null;
        DateTimeOffset? notBefore = null;
        using (var timeout = new CancellationTokenSource(limits.MaxExecutionTime, clock))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, registration.Token, interrupt))
        {
            try
            {
                result = await route!.ExecuteAsync(new RouteContext(task.TaskId, task.Type, payload, task.Attempts, limits), linked.Token);
                status = TaskStatuses.Completed;
            }
            catch (OperationCanceledException) when (linked.IsCancellationRequested)
            {
                // An attempt cut off by a stop counts, as one cut off by a crash does: a task that
                // outlasts every grace period ends after its last attempt instead of running on every start.
                (status, errorCode, errorMessage) = registration.CancelRequested
                    ? (TaskStatuses.Cancelled, "CANCELLED", "Cancelled on request while running.")
                    : !interrupt.IsCancellationRequested
                        ? (TaskStatuses.TimedOut, "TIMED_OUT", TimedOutMessage(limits))
                        : retries.CanRetry(task.Attempts)
                            ? (TaskStatuses.Queued, InterruptedRuns.Interrupted, $"Blux stopped while attempt {task.Attempts} ran; it runs again.")
                            : (TaskStatuses.Failed, InterruptedRuns.Interrupted, $"Blux stopped while attempt {task.Attempts} ran, the last one allowed.");
            }
            catch (TimeoutException)
            {
                (status, errorCode, errorMessage) = (TaskStatuses.TimedOut, "TIMED_OUT", TimedOutMessage(limits));
            }
            catch (Exception exception) when (IsTransient(exception))
            {
                errorCode = exception is RouteException re ? re.Code : "TRANSIENT_FAILURE";
                errorMessage = exception.Message;
                if (retries.CanRetry(task.Attempts))
                {
                    status = TaskStatuses.Queued;
                    notBefore = clock.GetUtcNow() + retries.DelayAfter(task.Attempts);
                }
                else
                {
                    status = TaskStatuses.Failed;
                    errorMessage = $"{exception.Message} (after {task.Attempts} attempts)";
                }
            }
            catch (RouteException exception)
            {
                (status, errorCode, errorMessage) = (TaskStatuses.Failed, exception.Code, exception.Message);
            }
            catch (BluxException exception)
            {
                (status, errorCode, errorMessage) = (TaskStatuses.Failed, exception.Code, exception.Message);
            }
            catch (Exception exception)
            {
                logger.LogError(exception, "Route {Route} failed unexpectedly on task {TaskId}", task.Route, task.TaskId);
                (status, errorCode, errorMessage) = (TaskStatuses.Failed, "ROUTE_ERROR", $"The {task.Route} route failed.");
            }
        }

        var durationMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return records.Build(task, payload, new RunOutcome(status, result, errorCode, errorMessage, durationMs, notBefore));
    }

    private static string TimedOutMessage(RouteLimits limits) =>
        $"Execution exceeded max_execution_time of {limits.MaxExecutionTime.TotalMilliseconds:0} ms.";

    private static bool IsTransient(Exception exception) =>
        exception is RouteException { Transient: true } or HttpRequestException or IOException;

    /// <summary>Keeps the outcome on the row, then makes it take effect; a failure to record is retried, never the route.</summary>
    private async Task<TaskRecord> RecordAsync(TaskRecord task, ExecutionRecord record)
    {
        var (pending, json, outcome) = record;
        var deadline = clock.GetUtcNow() + TimeSpan.FromSeconds(30);
        while (true)
        {
            if (task.PendingJson is null)
            {
                task.PendingJson = json;
                if (await store.UpdateAsync(task))
                {
                    break;
                }
            }
            else if (clock.GetUtcNow() > deadline)
            {
                throw new InvalidOperationException($"Task {task.TaskId} kept a pending change for 30 s; its outcome stays unrecorded until restart.");
            }
            else
            {
                // A cancel request is being recorded: its change lands first, then this outcome.
                await Task.Delay(TimeSpan.FromMilliseconds(5), clock);
            }

            task = await store.FindAsync(task.TaskId, CancellationToken.None) ?? throw BluxException.NotFound("task", task.TaskId);
        }

        var finished = await transitions.CompleteAsync(task, pending, outcome is null ? [] : [outcome]);
        // Completions are detail (Debug; the event log and audit trail have them); a failure, a time-out,
        // a cancel or a retry is worth an operator's eye.
        var level = finished.Status switch
        {
            TaskStatuses.Completed => LogLevel.Debug,
            TaskStatuses.Failed or TaskStatuses.TimedOut => LogLevel.Warning,
            _ => LogLevel.Information,
        };
        logger.Log(level, "Task {TaskId} {Status} in {DurationMs} ms (audit {AuditId})", finished.TaskId, finished.Status, pending.DurationMs, pending.AuditId);
        return finished;
    }

    private static RouteLimits Limits(TaskRecord task)
    {
        var decision = BluxJson.Deserialize<ValidationDecision>(task.DecisionJson);
        return new RouteLimits(
            TimeSpan.FromMilliseconds(task.MaxExecutionMs),
            decision?.Constraints.MaxMemoryMb ?? RouteLimits.Default.MaxMemoryMb,
            decision?.Constraints.AllowedDataSources ?? []);
    }
}
