using Blux.Modules.Guard.Contracts;
using Blux.Modules.Lite.Contracts;

namespace Blux.Modules.Lite.Domain;

/// <summary>
/// A change to a task after its creation as its handler or worker decides it: the move (audited as
/// <c>task.&lt;action&gt;</c>) and its outcome, who made it (<paramref name="Actor"/> when a caller
/// approved, rejected or cancelled) and why, the error a task ended or sent back to the queue keeps, and for a completed run
/// the result's hash and duration that <c>TaskCompleted</c> publishes. <see cref="TaskAudit.Plan"/>
/// makes it the <see cref="PendingTransition"/> the row keeps.
/// </summary>
internal sealed record TaskChange(
    TaskAction Action,
    string From,
    string To,
    string Identity,
    string AuditStatus,
    string? ErrorCode = null,
    string? ErrorMessage = null,
    string? Actor = null,
    string? Reason = null,
    string? OutputHash = null,
    long? DurationMs = null)
{
    /// <summary>A caller's approval, rejection or cancel: audited <c>task.&lt;action&gt;</c>, a success, under the caller, who is its actor.</summary>
    public static TaskChange ByCaller(TaskRecord task, TaskAction action, string to, string caller, string? reason, string? errorCode, string? errorMessage) =>
        new(action, task.Status, to, caller, AuditStatuses.Success, errorCode, errorMessage, caller, reason);

    /// <summary>The end of a run, or its return to the queue: audited <c>task.execute</c> under the submitter.</summary>
    public static TaskChange OfRun(TaskRecord task, string to, string auditStatus, string? errorCode, string? errorMessage) =>
        new(TaskAction.Execute, TaskStatuses.Running, to, task.IdentityAudit, auditStatus, errorCode, errorMessage);
}
