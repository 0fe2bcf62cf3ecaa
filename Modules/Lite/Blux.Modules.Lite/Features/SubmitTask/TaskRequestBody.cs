using System.Text.Json.Nodes;

namespace Blux.Modules.Lite.Features.SubmitTask;

/// <summary>The seed's task request. Every member is optional here so that the validator, not the
/// JSON reader, names what is missing.</summary>
internal sealed record TaskRequestBody(
    string? TaskId,
    string? Type,
    TaskContextBody? Context,
    TaskRequirementsBody? DoctrineRequirements,
    JsonObject? Payload,
    string? Timestamp,
    string? Kid,
    string? Signature);

internal sealed record TaskContextBody(string? UserId, string? Environment, string? Sensitivity);

internal sealed record TaskRequirementsBody(bool? RequireReflection, bool? SandboxExecution, string? AuditLevel, string? ReflectionDepth);
