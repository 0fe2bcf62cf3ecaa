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
}
