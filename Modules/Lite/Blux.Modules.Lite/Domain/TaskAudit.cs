using System.Text.Json.Nodes;
using Blux.Modules.Guard.Contracts;
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
    /// <param name="data">What this change adds to the record's data, after <c>task_id</c> and <c>task_type</c>.</param>
    public static AuditEntry Entry(TaskRecord task, string auditId, string operation, string identity, string status, BLUXEvent? published, JsonObject data)
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

    public static IReadOnlyList<JsonObject> Events(BLUXEvent? published) => published is null ? [] : [TaskEventCodec.Encode(published)];
}
