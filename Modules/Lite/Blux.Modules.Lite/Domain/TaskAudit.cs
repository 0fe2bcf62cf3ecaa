using System.Text.Json.Nodes;
using Blux.Modules.Guard.Contracts;
using Blux.Modules.Lite.Contracts;
using Blux.SharedKernel;
using Blux.SharedKernel.Events;
using Blux.SharedKernel.Json;

namespace Blux.Modules.Lite.Domain;

/// <summary>
/// What every audited change to a task records the same way: Lite's entry about the task, at the audit
/// level the task's doctrine requires, naming the event the change publishes (if any), its data led by
/// the task's id and type; and that event as the row keeps it until it is published.
/// </summary>
internal static class TaskAudit
{
    /// <summary>
    /// The pending transition for <paramref name="change"/>, with the event the task's new status
    /// publishes: <c>TaskCompleted</c> when it completes, none while it stays queued or running, and
    /// <c>TaskFailed</c> with the change's error on any other end.
    /// </summary>
    /// <param name="data">What the audit record's data adds, after <c>task_id</c> and <c>task_type</c>.</param>
    public static (PendingTransition Pending, BLUXEvent? Published) Plan(TaskRecord task, TaskChange change, JsonObject data, TimeProvider clock)
    {
        var auditId = BluxId.New(BluxId.Audit, clock);
        var now = clock.GetUtcNow();
        BLUXEvent? published = change.To switch
        {
            TaskStatuses.Completed => new TaskCompleted(Origin(), task.TaskId, Status: change.To, ResultHash: change.OutputHash!, DurationMs: change.DurationMs!.Value),
            TaskStatuses.Queued or TaskStatuses.Running => null,
            _ => new TaskFailed(Origin(), task.TaskId, ErrorCode: change.ErrorCode!, Message: change.ErrorMessage!),
        };
        var pending = new PendingTransition
        {
            Action = change.Action,
            From = change.From,
            To = change.To,
            At = now,
            ErrorCode = change.ErrorCode,
            ErrorMessage = change.ErrorMessage,
            DurationMs = change.DurationMs,
            Actor = change.Actor,
            Reason = change.Reason,
            Events = Events(published),
            Audit = Entry(task, auditId, change.Action.Operation(), change.Identity, change.AuditStatus, published, data),
        };
        return (pending, published);

        EventOrigin Origin() => EventOrigin.New(clock, BluxSources.Lite, auditId, now);
    }

    /// <param name="data">What this change adds to the record's data, after <c>task_id</c> and <c>task_type</c>.</param>
    private static AuditEntry Entry(TaskRecord task, string auditId, string operation, string identity, string status, BLUXEvent? published, JsonObject data)
    {
        data.Insert(0, "task_id", task.TaskId);
        data.Insert(1, "task_type", task.Type);
        return new AuditEntry
        {
            AuditId = auditId,
            Service = BluxSources.Lite,
            Operation = operation,
            Identity = identity,
            RelatedEvents = published is null ? [] : [published.EventId],
            Status = status,
            AuditLevel = BluxJson.Deserialize<DoctrineRequirements>(task.RequirementsJson)!.AuditLevel,
            Data = data,
        };
    }

    private static IReadOnlyList<JsonObject> Events(BLUXEvent? published) => published is null ? [] : [TaskEventCodec.Encode(published)];
}
