namespace Blux.SharedKernel.Events;

public sealed record TaskStart : BLUXEvent
{
    public required string TaskId { get; init; }

    public required string TaskType { get; init; }

    public required TaskContext Context { get; init; }

    public required DoctrineRequirements Requirements { get; init; }

    public override string? TaskReference() => TaskId;
}

public sealed record RouteDecision : BLUXEvent
{
    public required string TaskId { get; init; }

    public required string SelectedRoute { get; init; }

    public required string Rationale { get; init; }

    public required IReadOnlyList<string> DoctrineFlags { get; init; }

    public override string? TaskReference() => TaskId;
}

public sealed record ReflectionNote : BLUXEvent
{
    public required string TaskId { get; init; }

    public required string Insight { get; init; }

    public required double Confidence { get; init; }

    public required IReadOnlyList<string> RelatedAuditIds { get; init; }

    public override string? TaskReference() => TaskId;
}

public sealed record TaskCompleted : BLUXEvent
{
    public required string TaskId { get; init; }

    public required string Status { get; init; }

    public required string ResultHash { get; init; }

    public required long DurationMs { get; init; }

    public override string? TaskReference() => TaskId;
}

public sealed record TaskFailed : BLUXEvent
{
    public required string TaskId { get; init; }

    public required string ErrorCode { get; init; }

    public required string Message { get; init; }

    public override string? TaskReference() => TaskId;
}

public sealed record ApprovalRequested : BLUXEvent
{
    public required string TaskId { get; init; }

    public required IReadOnlyList<string> Reasons { get; init; }

    public override string? TaskReference() => TaskId;
}
