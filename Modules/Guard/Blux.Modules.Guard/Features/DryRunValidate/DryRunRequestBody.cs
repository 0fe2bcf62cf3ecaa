namespace Blux.Modules.Guard.Features.DryRunValidate;

/// <summary>The parts of a task request that Guard decides on.</summary>
internal sealed record DryRunRequestBody(string? TaskId, string? Type, DryRunContext? Context, DryRunRequirements? DoctrineRequirements, string? Timestamp);

internal sealed record DryRunContext(string? UserId, string? Environment, string? Sensitivity);

internal sealed record DryRunRequirements(bool? RequireReflection, bool? SandboxExecution, string? AuditLevel);
