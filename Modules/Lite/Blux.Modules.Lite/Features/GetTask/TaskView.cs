using System.Text.Json.Nodes;

namespace Blux.Modules.Lite.Features.GetTask;

/// <summary>
/// The task as SPEC §7 shows it, plus its review, cancel request and next try. <see cref="AuditId"/>
/// is the task's <c>task.create</c> record, the same id the 202 answer of its submission carried.
/// </summary>
internal sealed record TaskView(
    string TaskId,
    string Type,
    string Status,
    string AuditId,
    string Identity,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    JsonNode? Context,
    JsonNode? EffectiveRequirements,
    JsonNode? Route,
    JsonNode? Reflection,
    JsonNode? Result,
    TaskError? Error,
    int Attempts,
    long? DurationMs,
    DateTimeOffset? NextAttemptAt,
    TaskReview? Review,
    string? CancelRequestedBy,
    IReadOnlyList<JsonObject> AuditTrail);

internal sealed record TaskError(string Code, string? Message);

/// <summary>The approval or rejection of a held task.</summary>
internal sealed record TaskReview(string Decision, string By, DateTimeOffset At, string? Reason);
