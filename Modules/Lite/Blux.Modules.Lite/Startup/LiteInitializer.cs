using System.Text.Json.Nodes;
using Blux.Modules.Guard.Contracts;
using Blux.Modules.Lite.Contracts;
using Blux.Modules.Lite.Data;
using Blux.Modules.Lite.Domain;
using Blux.Modules.Lite.Execution;
using Blux.SharedKernel;
using Blux.SharedKernel.Crypto;
using Blux.SharedKernel.Events;
using Blux.SharedKernel.Json;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blux.Modules.Lite.Startup;

/// <summary>
/// Migrates Lite's store and recovers what the last stop left half done, before any worker starts:
/// a pending change is finished when its audit record is durable (or it is a run's outcome, which is
/// recorded rather than run again) and withdrawn otherwise; a task that was running is interrupted:
/// queued again while it has tries left, failed <c>interrupted</c> when not, cancelled when a cancel
/// was asked. Then every queued task goes into the queue. No accepted task is silently lost.
/// </summary>
internal sealed class LiteInitializer(IServiceScopeFactory scopes, RetryPolicy retries, TimeProvider clock, ILogger<LiteInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<LiteDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);

        var store = services.GetRequiredService<TaskStore>();
        var transitions = services.GetRequiredService<TaskTransitions>();
        var sender = services.GetRequiredService<ISender>();

        var pending = await store.FindPendingAsync(cancellationToken);
        foreach (var task in pending)
        {
            await FinishPendingAsync(task, store, transitions, sender);
        }

        var interrupted = await store.FindByStatusAsync(TaskStatuses.Running, cancellationToken);
        foreach (var task in interrupted)
        {
            await transitions.RunAsync(task.TaskId, Interrupted, cancellationToken);
        }

        var queued = await store.FindByStatusAsync(TaskStatuses.Queued, cancellationToken);
        foreach (var task in queued)
        {
            transitions.AfterCommit(task);
        }

        if (pending.Count + interrupted.Count + queued.Count > 0)
        {
            logger.LogInformation(
                "Recovered the task store: {Pending} pending changes finished or withdrawn, {Interrupted} interrupted runs, {Queued} queued tasks",
                pending.Count, interrupted.Count, queued.Count);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task FinishPendingAsync(TaskRecord task, TaskStore store, TaskTransitions transitions, ISender sender)
    {
        var pending = task.Pending!;
        var durable = (await sender.Send(new GetAuditRecords([pending.AuditId]), CancellationToken.None)).Count > 0;
        if (durable || pending.Action == TaskActions.Execute)
        {
            await transitions.CompleteAsync(task, recovering: true);
            logger.LogInformation("Task {TaskId}: interrupted {Action} finished on restart", task.TaskId, pending.Action);
        }
        else if (pending.Action == TaskActions.Create)
        {
            // Never audited, never answered 202: as if it had not been submitted.
            await store.DeleteAsync(task);
            logger.LogInformation("Task {TaskId}: submission interrupted before its audit record; dropped", task.TaskId);
        }
        else
        {
            await transitions.WithdrawAsync(task, pending);
        }
    }

    private PendingTransition Interrupted(TaskRecord task)
    {
        TaskLifecycle.EnsureCanMove(task, TaskStatuses.Failed, TaskActions.Execute);
        var now = clock.GetUtcNow();
        var (status, code, message) = task.CancelRequestedBy is not null
            ? (TaskStatuses.Cancelled, "CANCELLED", "Cancelled on request; Blux stopped while the task ran.")
            : retries.CanRetry(task.Attempts)
                ? (TaskStatuses.Queued, "INTERRUPTED", $"Blux stopped while attempt {task.Attempts} ran; it runs again.")
                : (TaskStatuses.Failed, "INTERRUPTED", $"Blux stopped while attempt {task.Attempts} ran, the last one allowed.");
        var auditId = BluxId.New(BluxId.Audit, clock);
        var result = new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } };
        BLUXEvent? failed = status == TaskStatuses.Queued ? null : new TaskFailed
        {
            EventId = BluxId.New(BluxId.Event, clock),
            Timestamp = now,
            Source = BluxSources.Lite,
            AuditId = auditId,
            TaskId = task.TaskId,
            ErrorCode = code,
            Message = message,
        };
        return new PendingTransition
        {
            Action = TaskActions.Execute,
            From = TaskStatuses.Running,
            To = status,
            At = now,
            ErrorCode = code,
            ErrorMessage = message,
            Events = failed is null ? [] : [TaskEventCodec.Encode(failed)],
            Audit = new AuditEntry
            {
                AuditId = auditId,
                Service = BluxSources.Lite,
                Operation = "task.execute",
                Identity = task.IdentityAudit,
                InputHash = BluxHash.OfCanonical(JsonNode.Parse(task.PayloadJson)),
                OutputHash = BluxHash.OfCanonical(result),
                RelatedEvents = failed is null ? [] : [failed.EventId],
                Status = AuditStatuses.Failure,
                AuditLevel = BluxJson.Deserialize<DoctrineRequirements>(task.RequirementsJson)!.AuditLevel,
                Data = new JsonObject
                {
                    ["task_id"] = task.TaskId,
                    ["task_type"] = task.Type,
                    ["route"] = task.Route,
                    ["task_status"] = status,
                    ["attempt"] = task.Attempts,
                    ["error_code"] = code,
                },
            },
        };
    }
}
