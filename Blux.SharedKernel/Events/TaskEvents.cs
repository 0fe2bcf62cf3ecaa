using System.Text.Json.Serialization;

namespace Blux.SharedKernel.Events;

/// <summary>An event about one task; <see cref="TaskId"/> comes first in its JSON, before the event's own fields.</summary>
public abstract record TaskEvent(EventOrigin Origin, [property: JsonPropertyOrder(-1)] string TaskId) : BLUXEvent(Origin)
{
    public override string? TaskReference() => TaskId;
}

public sealed record TaskStart(EventOrigin Origin, string TaskId, string TaskType, TaskContext Context, DoctrineRequirements Requirements)
    : TaskEvent(Origin, TaskId);

public sealed record RouteDecision(EventOrigin Origin, string TaskId, string SelectedRoute, string Rationale, IReadOnlyList<string> DoctrineFlags)
    : TaskEvent(Origin, TaskId);

public sealed record ReflectionNote(EventOrigin Origin, string TaskId, string Insight, double Confidence, IReadOnlyList<string> RelatedAuditIds)
    : TaskEvent(Origin, TaskId);

public sealed record TaskCompleted(EventOrigin Origin, string TaskId, string Status, string ResultHash, long DurationMs)
    : TaskEvent(Origin, TaskId);

public sealed record TaskFailed(EventOrigin Origin, string TaskId, string ErrorCode, string Message)
    : TaskEvent(Origin, TaskId);

public sealed record ApprovalRequested(EventOrigin Origin, string TaskId, IReadOnlyList<string> Reasons)
    : TaskEvent(Origin, TaskId);
