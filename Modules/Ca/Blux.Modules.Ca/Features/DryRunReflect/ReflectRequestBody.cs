using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using Blux.SharedKernel.Api;
using Blux.SharedKernel.Pipeline;

namespace Blux.Modules.Ca.Features.DryRunReflect;

/// <summary>The task request of docs/contract.md#task-request as <c>POST /v1/reflect</c> reads it; what reflection ignores is ignored.</summary>
[RequestSchema]
internal sealed record ReflectRequestBody(
    string? TaskId,
    [property: Required, MaxLength(64), Description("The task type; a type the caller has not used before counts as novelty.")] string? Type,
    [property: Required] ReflectContextBody? Context,
    ReflectRequirementsBody? DoctrineRequirements,
    [property: Description("The task's payload: its size, depth, data references and script length are factors.")] JsonObject? Payload);

[RequestSchema]
internal sealed record ReflectContextBody(
    string? UserId,
    [property: Required, AllowedValues("development", "staging", "production", "dev", "stage", "prod")] string? Environment,
    [property: Required, AllowedValues("low", "medium", "high", "critical")] string? Sensitivity) : ITaskRequestContext;

[RequestSchema]
internal sealed record ReflectRequirementsBody(
    [property: DefaultValue("medium"), AllowedValues("medium", "deep")] string? ReflectionDepth);
