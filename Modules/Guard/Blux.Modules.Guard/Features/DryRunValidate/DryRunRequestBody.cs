using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Blux.SharedKernel.Api;

namespace Blux.Modules.Guard.Features.DryRunValidate;

/// <summary>The parts of a task request Guard decides on.</summary>
[RequestSchema]
internal sealed record DryRunRequestBody(
    string? TaskId,
    [property: Required, AllowedValues("echo", "test", "script", "data_analysis", "webhook")] string? Type,
    [property: Required] DryRunContext? Context,
    DryRunRequirements? DoctrineRequirements,
    [property: DataType(DataType.DateTime)] string? Timestamp);

[RequestSchema]
internal sealed record DryRunContext(
    [property: Description("Whom the task is for; the caller's identity when left out.")] string? UserId,
    [property: Required, AllowedValues("development", "staging", "production", "dev", "stage", "prod")] string? Environment,
    [property: Required, AllowedValues("low", "medium", "high", "critical")] string? Sensitivity);

[RequestSchema]
internal sealed record DryRunRequirements(
    [property: DefaultValue(false)] bool? RequireReflection,
    [property: DefaultValue(false)] bool? SandboxExecution,
    [property: DefaultValue("basic"), AllowedValues("none", "basic", "detailed", "verbose")] string? AuditLevel);
