namespace Blux.Modules.Lite.Domain;

/// <summary>
/// A change to a task after its creation as its handler or worker decides it: the move, the audit
/// operation and outcome, who made it and why, and the error a task ended or sent back to the queue
/// keeps. <see cref="TaskAudit.Plan"/> makes it the <see cref="PendingTransition"/> the row keeps.
/// </summary>
internal sealed record TaskChange(string Action, string From, string To, string Operation, string Identity, string AuditStatus)
{
    public string? ErrorCode { get; init; }

    public string? ErrorMessage { get; init; }

    /// <summary>The identity that approved, rejected or cancelled.</summary>
    public string? Actor { get; init; }

    public string? Reason { get; init; }

    /// <summary>The result's hash, published by <c>TaskCompleted</c>.</summary>
    public string? OutputHash { get; init; }

    public long? DurationMs { get; init; }
}
