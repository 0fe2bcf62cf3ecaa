using System.Diagnostics;
using System.Text.Json.Nodes;
using Blux.Modules.Guard.Contracts;
using Blux.Modules.Lite.Contracts;
using Blux.Modules.Lite.Data;
using Blux.Modules.Lite.Domain;
using Blux.Modules.Lite.Routes;
using Blux.SharedKernel;
using Blux.SharedKernel.Crypto;
using Blux.SharedKernel.Errors;
using Blux.SharedKernel.Events;
using Blux.SharedKernel.Json;
using Microsoft.Extensions.Logging;

namespace Blux.Modules.Lite.Execution;

/// <summary>
/// Runs one queued task: running → route under the doctrine's time cap → pending outcome → audit
/// <c>task.execute</c> with input and output hashes → TaskCompleted or TaskFailed → terminal state.
/// A transient failure goes back to the queue with backoff while tries remain. The outcome is kept on
/// the row before its audit record is written, so a crash after the route finished records that
/// outcome on restart instead of running the route again.
/// </summary>
internal sealed class TaskExecutor(
    TaskStore store,
    TaskTransitions transitions,
    RouteRegistry routes,
    RunningTasks running,
    TaskQueue queue,
    RetryPolicy retries,
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

        if (task.Status != TaskStatuses.Queued)
        {
            return task;
        }

        if (task.NotBefore is { } notBefore && notBefore > clock.GetUtcNow())
        {
            queue.EnqueueAt(taskId, notBefore);
            return task;
        }

        using var scope = logger.BeginScope(new Dictionary<string, object> { ["task_id"] = taskId, ["Module"] = "lite" });
        using var registration = running.Register(taskId);
        TaskLifecycle.EnsureCanMove(task, TaskStatuses.Running, TaskActions.Execute);
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

        var (pending, outcome) = await RunRouteAsync(task, registration, interrupt);
        return await RecordAsync(task, pending, outcome);
    }

    private async Task<(PendingTransition Pending, BLUXEvent? Event)> RunRouteAsync(TaskRecord task, RunningTasks.Registration registration, CancellationToken interrupt)
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
        var returnAttempt = false;
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
                (status, errorCode, errorMessage) = registration.CancelRequested
                    ? (TaskStatuses.Cancelled, "CANCELLED", "Cancelled on request while running.")
                    : interrupt.IsCancellationRequested
                        ? (TaskStatuses.Queued, "INTERRUPTED", "Blux stopped while the task ran; it will run again.")
                        : (TaskStatuses.TimedOut, "TIMED_OUT", $"Execution exceeded max_execution_time of {limits.MaxExecutionTime.TotalMilliseconds:0} ms.");
                returnAttempt = status == TaskStatuses.Queued;
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
        return Outcome(task, payload, status, result, errorCode, errorMessage, durationMs, notBefore, returnAttempt);
    }

    private static bool IsTransient(Exception exception) =>
        exception is RouteException { Transient: true } or HttpRequestException or IOException;

    private (PendingTransition Pending, BLUXEvent? Event) Outcome(
        TaskRecord task, JsonObject payload, string status, JsonNode? result, string? errorCode, string? errorMessage, long durationMs, DateTimeOffset? notBefore, bool returnAttempt)
    {
        var requirements = BluxJson.Deserialize<DoctrineRequirements>(task.RequirementsJson)!;
        var route = BluxJson.Deserialize<TaskRoute>(task.RouteJson)!;
        var resultNode = result ?? new JsonObject { ["error"] = new JsonObject { ["code"] = errorCode, ["message"] = errorMessage } };
        var outputHash = BluxHash.OfCanonical(resultNode);
        var auditId = BluxId.New(BluxId.Audit, clock);
        var now = clock.GetUtcNow();
        BLUXEvent? outcome = status switch
        {
            TaskStatuses.Completed => new TaskCompleted
            {
                EventId = BluxId.New(BluxId.Event, clock),
                Timestamp = now,
                Source = BluxSources.Lite,
                AuditId = auditId,
                TaskId = task.TaskId,
                Status = status,
                ResultHash = outputHash,
                DurationMs = durationMs,
            },
            TaskStatuses.Queued => null,
            _ => new TaskFailed
            {
                EventId = BluxId.New(BluxId.Event, clock),
                Timestamp = now,
                Source = BluxSources.Lite,
                AuditId = auditId,
                TaskId = task.TaskId,
                ErrorCode = errorCode!,
                Message = errorMessage!,
            },
        };

        var pending = new PendingTransition
        {
            Action = TaskActions.Execute,
            From = TaskStatuses.Running,
            To = status,
            At = now,
            ResultJson = result?.ToJsonString(),
            ErrorCode = errorCode,
            ErrorMessage = errorMessage,
            DurationMs = durationMs,
            NotBefore = notBefore,
            ReturnAttempt = returnAttempt,
            Events = outcome is null ? [] : [TaskEventCodec.Encode(outcome)],
            Audit = new AuditEntry
            {
                AuditId = auditId,
                Service = BluxSources.Lite,
                Operation = "task.execute",
                Identity = task.IdentityAudit,
                InputHash = BluxHash.OfCanonical(payload),
                OutputHash = outputHash,
                DoctrineFlagsApplied = route.DoctrineFlags,
                RelatedEvents = outcome is null ? [] : [outcome.EventId],
                Status = status == TaskStatuses.Completed ? AuditStatuses.Success : AuditStatuses.Failure,
                DurationMs = durationMs,
                AuditLevel = requirements.AuditLevel,
                Data = new JsonObject
                {
                    ["task_id"] = task.TaskId,
                    ["task_type"] = task.Type,
                    ["route"] = task.Route,
                    ["task_status"] = status,
                    ["attempt"] = task.Attempts,
                    ["error_code"] = errorCode,
                    ["next_attempt_at"] = notBefore is null ? null : BluxTime.ToText(notBefore.Value),
                    ["result"] = resultNode.DeepClone(),
                },
            },
        };
        return (pending, outcome);
    }

    /// <summary>Keeps the outcome on the row, then makes it take effect; a failure to record is retried, never the route.</summary>
    private async Task<TaskRecord> RecordAsync(TaskRecord task, PendingTransition pending, BLUXEvent? outcome)
    {
        var json = BluxJson.Serialize(pending);
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
