using System.Diagnostics;
using System.Text.Json;
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
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Blux.Modules.Lite.Execution;

/// <summary>
/// Runs one queued task: running → route under the doctrine's time cap → audit <c>task.execute</c>
/// with input and output hashes → terminal state → TaskCompleted or TaskFailed. The terminal state is
/// written only after its audit record is durable.
/// </summary>
internal sealed class TaskExecutor(
    LiteDbContext db,
    ISender sender,
    IEventBus events,
    RouteRegistry routes,
    TaskCompletionNotifier notifier,
    TimeProvider clock,
    ILogger<TaskExecutor> logger)
{
    public async Task ExecuteAsync(string taskId, CancellationToken stopping)
    {
        var task = await db.Tasks.FirstOrDefaultAsync(t => t.TaskId == taskId, stopping);
        if (task is null || task.Status != TaskStatuses.Queued)
        {
            return;
        }

        using var scope = logger.BeginScope(new Dictionary<string, object> { ["task_id"] = taskId, ["Module"] = "lite" });
        task.Status = TaskStatuses.Running;
        task.StartedAt = clock.GetUtcNow();
        task.Attempts++;
        await db.SaveChangesAsync(stopping);

        var payload = (JsonObject)JsonNode.Parse(task.PayloadJson)!;
        routes.TryGet(task.Type, out var route);
        var started = Stopwatch.GetTimestamp();
        string status;
        JsonNode? result = null;
        string? errorCode = null;
        string? errorMessage = null;
        using (var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(task.MaxExecutionMs), clock))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, stopping))
        {
            try
            {
                result = await route!.ExecuteAsync(new RouteContext(task.TaskId, task.Type, payload, task.Attempts), linked.Token);
                status = TaskStatuses.Completed;
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !stopping.IsCancellationRequested)
            {
                status = TaskStatuses.TimedOut;
                errorCode = "TIMED_OUT";
                errorMessage = $"Execution exceeded max_execution_time of {task.MaxExecutionMs} ms.";
            }
            catch (BluxException exception)
            {
                status = TaskStatuses.Failed;
                errorCode = exception.Code;
                errorMessage = exception.Message;
            }
        }

        var durationMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        await FinishAsync(task, status, result, errorCode, errorMessage, durationMs, payload);
    }

    private async Task FinishAsync(TaskRecord task, string status, JsonNode? result, string? errorCode, string? errorMessage, long durationMs, JsonObject payload)
    {
        var requirements = BluxJson.Deserialize<DoctrineRequirements>(task.RequirementsJson)!;
        var route = BluxJson.Deserialize<TaskRoute>(task.RouteJson)!;
        var resultNode = result ?? (JsonNode)new JsonObject { ["error"] = new JsonObject { ["code"] = errorCode, ["message"] = errorMessage } };
        var outputHash = BluxHash.OfCanonical(resultNode);
        var executeAuditId = BluxId.New(BluxId.Audit, clock);
        var relatedEvents = JsonSerializer.Deserialize<string[]>(task.EventIdsJson)!;

        await sender.Send(
            new AppendAudit(new AuditEntry
            {
                AuditId = executeAuditId,
                Service = BluxSources.Lite,
                Operation = "task.execute",
                Identity = task.IdentityAudit,
                InputHash = BluxHash.OfCanonical(payload),
                OutputHash = outputHash,
                DoctrineFlagsApplied = route.DoctrineFlags,
                RelatedEvents = relatedEvents,
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
                    ["result"] = resultNode.DeepClone(),
                },
            }),
            CancellationToken.None);

        task.Status = status;
        task.CompletedAt = clock.GetUtcNow();
        task.ResultJson = result?.ToJsonString();
        task.ErrorCode = errorCode;
        task.ErrorMessage = errorMessage;
        var trail = JsonSerializer.Deserialize<List<string>>(task.AuditTrailJson)!;
        trail.Add(executeAuditId);
        task.AuditTrailJson = JsonSerializer.Serialize(trail);
        await db.SaveChangesAsync(CancellationToken.None);

        BLUXEvent outcome = status == TaskStatuses.Completed
            ? new TaskCompleted
            {
                EventId = BluxId.New(BluxId.Event, clock),
                Timestamp = clock.GetUtcNow(),
                Source = BluxSources.Lite,
                AuditId = executeAuditId,
                TaskId = task.TaskId,
                Status = status,
                ResultHash = outputHash,
                DurationMs = durationMs,
            }
            : new TaskFailed
            {
                EventId = BluxId.New(BluxId.Event, clock),
                Timestamp = clock.GetUtcNow(),
                Source = BluxSources.Lite,
                AuditId = executeAuditId,
                TaskId = task.TaskId,
                ErrorCode = errorCode!,
                Message = errorMessage!,
            };
        await events.PublishAsync([outcome], CancellationToken.None);
        notifier.Release(task.TaskId);
        logger.LogInformation("Task {TaskId} {Status} in {DurationMs} ms (audit {AuditId})", task.TaskId, status, durationMs, executeAuditId);
    }
}
