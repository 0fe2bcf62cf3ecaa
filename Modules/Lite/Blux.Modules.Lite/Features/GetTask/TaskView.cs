using System.Text.Json.Nodes;

namespace Blux.Modules.Lite.Features.GetTask;

/// <summary>The task as SPEC §7 shows it.</summary>
internal sealed record TaskView(
    string TaskId,
    string Type,
    string Status,
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
    IReadOnlyList<JsonObject> AuditTrail);

internal sealed record TaskError(string Code, string? Message);
