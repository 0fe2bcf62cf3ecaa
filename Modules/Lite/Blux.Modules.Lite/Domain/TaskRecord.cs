using System.Text.Json;
using Blux.Modules.Lite.Contracts;
using Blux.SharedKernel.Json;

namespace Blux.Modules.Lite.Domain;

/// <summary>A task as Lite keeps it: the request, every decision made about it, and its outcome.</summary>
internal sealed class TaskRecord
{
    public required string TaskId { get; init; }

    public required string Type { get; init; }

    public required string Status { get; set; }

    public required string Identity { get; init; }

    public required string IdentityAudit { get; init; }

    public required string BodyHash { get; init; }

    public required string ContextJson { get; init; }

    public required string PayloadJson { get; init; }

    public required string RequirementsJson { get; init; }

    public required string DecisionJson { get; init; }

    public required string Route { get; init; }

    public required string RouteJson { get; init; }

    public string? ReflectionJson { get; init; }

    public string? ResultJson { get; set; }

    public string? ErrorCode { get; set; }

    public string? ErrorMessage { get; set; }

    public int Attempts { get; set; }

    public required long MaxExecutionMs { get; init; }

    public required string CreateAuditId { get; init; }

    public required string EventIdsJson { get; init; }

    public required string AuditTrailJson { get; set; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>Bumped by every write; a write that expected another version changes nothing.</summary>
    public long Version { get; set; }

    /// <summary>A <see cref="PendingTransition"/> waiting for its audit record, or null.</summary>
    public string? PendingJson { get; set; }

    public DateTimeOffset? NotBefore { get; set; }

    public long? DurationMs { get; set; }

    public string? CancelRequestedBy { get; set; }

    public DateTimeOffset? CancelRequestedAt { get; set; }

    public string? ReviewedBy { get; set; }

    public DateTimeOffset? ReviewedAt { get; set; }

    public string? ReviewDecision { get; set; }

    public string? ReviewReason { get; set; }

    public PendingTransition? Pending => PendingJson is null ? null : BluxJson.Deserialize<PendingTransition>(PendingJson);

    public IReadOnlyList<string> AuditTrail => JsonSerializer.Deserialize<string[]>(AuditTrailJson)!;

    /// <summary>A copy of the row (every field is a value or an immutable string) carrying <paramref name="version"/>.</summary>
    public TaskRecord Snapshot(long version)
    {
        var copy = (TaskRecord)MemberwiseClone();
        copy.Version = version;
        return copy;
    }

    /// <summary>Makes a pending transition take effect: its audit record is durable and its events are logged.</summary>
    public void Commit(PendingTransition pending)
    {
        Status = pending.To;
        var trail = AuditTrail.ToList();
        if (!trail.Contains(pending.AuditId, StringComparer.Ordinal))
        {
            trail.Add(pending.AuditId);
            AuditTrailJson = JsonSerializer.Serialize(trail);
        }

        switch (pending.Action)
        {
            case TaskAction.Execute:
                ResultJson = pending.ResultJson;
                ErrorCode = pending.ErrorCode;
                ErrorMessage = pending.ErrorMessage;
                DurationMs = pending.DurationMs;
                NotBefore = pending.NotBefore;

                break;
            case TaskAction.Approve or TaskAction.Reject:
                ReviewedBy = pending.Actor;
                ReviewedAt = pending.At;
                ReviewDecision = pending.Action.Name();
                ReviewReason = pending.Reason;
                ErrorCode = pending.ErrorCode;
                ErrorMessage = pending.ErrorMessage;
                break;
            case TaskAction.Cancel:
                CancelRequestedBy = pending.Actor;
                CancelRequestedAt ??= pending.At;
                ErrorCode = pending.ErrorCode ?? ErrorCode;
                ErrorMessage = pending.ErrorMessage ?? ErrorMessage;
                break;
            default:
                ErrorCode = pending.ErrorCode;
                ErrorMessage = pending.ErrorMessage;
                break;
        }

        if (TaskStatuses.IsTerminal(Status))
        {
            CompletedAt = pending.At;
        }

        PendingJson = null;
    }
}
