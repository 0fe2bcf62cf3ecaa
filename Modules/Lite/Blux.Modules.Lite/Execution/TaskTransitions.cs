using Blux.Modules.Guard.Contracts;
using Blux.Modules.Lite.Contracts;
using Blux.Modules.Lite.Data;
using Blux.Modules.Lite.Domain;
using Blux.SharedKernel.Errors;
using Blux.SharedKernel.Events;
using Blux.SharedKernel.Json;
using Mediator;
using Microsoft.Extensions.Logging;

namespace Blux.Modules.Lite.Execution;

/// <summary>
/// Moves tasks between statuses the durable way: the change is first written to the row as pending,
/// then its audit record is made durable, then its events are logged, and only then does the row take
/// the new status. <see cref="CompleteAsync"/> with <c>recovering</c> finishes a change interrupted at
/// any of those steps without writing any record or event twice.
/// </summary>
internal sealed class TaskTransitions(
    TaskStore store,
    ISender sender,
    IEventBus events,
    TaskQueue queue,
    TaskCompletionNotifier notifier,
    LiteMetrics metrics,
    TaskTraces traces,
    TimeProvider clock,
    ILogger<TaskTransitions> logger)
{
    private static readonly TimeSpan BusyWait = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Reads the task, lets <paramref name="plan"/> decide the change (it throws 409 for a refused one)
    /// and writes it as pending. Another change in flight is waited out briefly; a concurrent write
    /// makes it read and decide again.
    /// </summary>
    public async Task<TaskRecord> BeginAsync(string taskId, Func<TaskRecord, PendingTransition> plan, CancellationToken cancellationToken)
    {
        var deadline = clock.GetUtcNow() + BusyWait;
        while (true)
        {
            var task = await store.FindAsync(taskId, cancellationToken) ?? throw BluxException.NotFound("task", taskId);
            if (task.PendingJson is null)
            {
                var pending = plan(task);
                task.PendingJson = BluxJson.Serialize(pending);

                // Should the change land after the request was refused 503, it is taken back: its
                // audit record was never asked for.
                var late = task.Snapshot(task.Version + 1);
                if (await store.UpdateAsync(task, ifLate: () => _ = WithdrawAsync(late, pending)))
                {
                    return task;
                }
            }
            else if (clock.GetUtcNow() > deadline)
            {
                throw new BluxException(ErrorCodes.Conflict, $"Task '{taskId}' is changing status; try again.", new Dictionary<string, object?>
                {
                    ["field"] = "status",
                    ["issue"] = "transition_in_progress",
                    ["task_id"] = taskId,
                    ["status"] = task.Status,
                });
            }
            else
            {
                await Task.Delay(TimeSpan.FromMilliseconds(5), clock, cancellationToken);
            }
        }
    }

    /// <summary>Begin and complete in one go; a change whose audit record cannot be made durable is withdrawn (503).</summary>
    public async Task<TaskRecord> RunAsync(string taskId, Func<TaskRecord, PendingTransition> plan, CancellationToken cancellationToken)
    {
        var task = await BeginAsync(taskId, plan, cancellationToken);
        var pending = task.Pending!;
        try
        {
            await sender.Send(new AppendAudit(pending.Audit), CancellationToken.None);
        }
        catch (BluxException)
        {
            await WithdrawAsync(task, pending, onRequest: true);
            throw;
        }

        return await CompleteAsync(task, recovering: false, auditDone: true, onRequest: true);
    }

    /// <summary>
    /// Audit record, events, new status, for the change kept on the row. When <paramref name="recovering"/>,
    /// records and events that are already durable are not written again. <paramref name="onRequest"/>:
    /// a request waits for the store at most its timeout; a worker or the start-up recovery as long as it takes.
    /// </summary>
    public async Task<TaskRecord> CompleteAsync(TaskRecord task, bool recovering, bool auditDone = false, bool onRequest = false)
    {
        var pending = task.Pending ?? throw new InvalidOperationException($"Task {task.TaskId} has no pending change.");
        if (!auditDone && (!recovering || !await AuditExistsAsync(pending.AuditId)))
        {
            await sender.Send(new AppendAudit(pending.Audit), CancellationToken.None);
        }

        var toPublish = pending.Events.Select(TaskEventCodec.Decode).ToList();
        if (recovering && toPublish.Count > 0)
        {
            var logged = (await sender.Send(new GetTaskEvents(task.TaskId), CancellationToken.None))
                .Select(e => e["event_id"]?.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
            toPublish.RemoveAll(e => logged.Contains(e.EventId));
        }

        return await FinishAsync(task, pending, toPublish, onRequest);
    }

    /// <summary>
    /// The same for a change this process has just kept on the row as <paramref name="pending"/>, whose
    /// events it still holds as objects: nothing is read back from the row.
    /// </summary>
    public async Task<TaskRecord> CompleteAsync(TaskRecord task, PendingTransition pending, IReadOnlyList<BLUXEvent> events, bool auditDone = false, bool onRequest = false)
    {
        if (!auditDone)
        {
            await sender.Send(new AppendAudit(pending.Audit), CancellationToken.None);
        }

        return await FinishAsync(task, pending, events, onRequest);
    }

    /// <summary>Events out, then the row takes the new status (re-read and retried if it changed meanwhile).</summary>
    private async Task<TaskRecord> FinishAsync(TaskRecord task, PendingTransition pending, IReadOnlyList<BLUXEvent> toPublish, bool onRequest)
    {
        if (toPublish.Count > 0)
        {
            await events.PublishAsync(toPublish, CancellationToken.None);
        }

        while (true)
        {
            task.Commit(pending);
            var committed = task;
            if (await store.UpdateAsync(task, ifLate: onRequest ? () => AfterCommit(committed) : null))
            {
                break;
            }

            task = await store.FindAsync(task.TaskId, CancellationToken.None) ?? throw BluxException.NotFound("task", task.TaskId);
            if (task.Pending?.AuditId != pending.AuditId)
            {
                return task;
            }
        }

        if (TaskStatuses.IsTerminal(task.Status))
        {
            metrics.Finished(task);
            traces.Ended(task.TaskId);
        }

        AfterCommit(task);
        return task;
    }

    /// <summary>Takes back a pending change whose audit record was not made durable.</summary>
    public async Task WithdrawAsync(TaskRecord task, PendingTransition pending, bool onRequest = false)
    {
        while (true)
        {
            task.PendingJson = null;
            var withdrawn = task;
            if (await store.UpdateAsync(task, ifLate: onRequest ? () => AfterCommit(withdrawn) : null))
            {
                break;
            }

            var current = await store.FindAsync(task.TaskId, CancellationToken.None);
            if (current?.Pending?.AuditId != pending.AuditId)
            {
                return;
            }

            task = current;
        }

        logger.LogWarning("Task {TaskId}: {Action} withdrawn, its audit record could not be made durable", task.TaskId, pending.Action.Name());
        AfterCommit(task);
    }

    /// <summary>A queued task goes (back) to the workers; a finished one wakes its waiters.</summary>
    public void AfterCommit(TaskRecord task)
    {
        if (task.Status == TaskStatuses.Queued)
        {
            if (task.NotBefore is { } notBefore)
            {
                queue.EnqueueAt(task.TaskId, notBefore);
            }
            else
            {
                queue.Enqueue(task.TaskId);
            }
        }

        if (TaskStatuses.IsTerminal(task.Status))
        {
            notifier.Complete(task.TaskId);
        }
    }

    private async Task<bool> AuditExistsAsync(string auditId) =>
        (await sender.Send(new GetAuditRecords([auditId]), CancellationToken.None)).Count > 0;
}
