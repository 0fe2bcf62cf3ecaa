using System.Text.Json.Nodes;

namespace Blux.Modules.Ca.Features.DryRunReflect;

/// <summary>The task request of SPEC §7 as <c>POST /v1/reflect</c> reads it; what reflection ignores is ignored.</summary>
internal sealed record ReflectRequestBody(
    string? TaskId,
    string? Type,
    ReflectContextBody? Context,
    ReflectRequirementsBody? DoctrineRequirements,
    JsonObject? Payload);

internal sealed record ReflectContextBody(string? UserId, string? Environment, string? Sensitivity);

internal sealed record ReflectRequirementsBody(string? ReflectionDepth);
