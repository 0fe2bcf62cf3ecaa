using System.Text.Json.Serialization;

namespace Blux.SharedKernel.Events;

/// <summary>An event about one task; <see cref="TaskId"/> comes first in its JSON, before the event's own fields.</summary>
public abstract record TaskEvent : BLUXEvent
{
    [JsonPropertyOrder(-1)]
    public required string TaskId { get; init; }

    public override string? TaskReference() => TaskId;
}

public sealed record TaskStart : TaskEvent
{
    public required string TaskType { get; init; }

    public required TaskContext Context { get; init; }

    public required DoctrineRequirements Requirements { get; init; }

    public static TaskStart Of(EventOrigin origin, string taskId, string taskType, TaskContext context, DoctrineRequirements requirements) =>
        new() { Origin = origin, TaskId = taskId, TaskType = taskType, Context = context, Requirements = requirements };
}

public sealed record RouteDecision : TaskEvent
{
    public required string SelectedRoute { get; init; }

    public required string Rationale { get; init; }

    public required IReadOnlyList<string> DoctrineFlags { get; init; }

    public static RouteDecision Of(EventOrigin origin, string taskId, string selectedRoute, string rationale, IReadOnlyList<string> doctrineFlags) =>
        new() { Origin = origin, TaskId = taskId, SelectedRoute = selectedRoute, Rationale = rationale, DoctrineFlags = doctrineFlags };
}

public sealed record ReflectionNote : TaskEvent
{
    public required string Insight { get; init; }

    public required double Confidence { get; init; }

    public required IReadOnlyList<string> RelatedAuditIds { get; init; }

    public static ReflectionNote Of(EventOrigin origin, string taskId, string insight, double confidence, IReadOnlyList<string> relatedAuditIds) =>
        new() { Origin = origin, TaskId = taskId, Insight = insight, Confidence = confidence, RelatedAuditIds = relatedAuditIds };
}

public sealed record TaskCompleted : TaskEvent
{
    public required string Status { get; init; }

    public required string ResultHash { get; init; }

    public required long DurationMs { get; init; }

    public static TaskCompleted Of(EventOrigin origin, string taskId, string status, string resultHash, long durationMs) =>
        new() { Origin = origin, TaskId = taskId, Status = status, ResultHash = resultHash, DurationMs = durationMs };
}

public sealed record TaskFailed : TaskEvent
{
    public required string ErrorCode { get; init; }

    public required string Message { get; init; }

    public static TaskFailed Of(EventOrigin origin, string taskId, string errorCode, string message) =>
        new() { Origin = origin, TaskId = taskId, ErrorCode = errorCode, Message = message };
}

public sealed record ApprovalRequested : TaskEvent
{
    public required IReadOnlyList<string> Reasons { get; init; }

    public static ApprovalRequested Of(EventOrigin origin, string taskId, IReadOnlyList<string> reasons) =>
        new() { Origin = origin, TaskId = taskId, Reasons = reasons };
}
