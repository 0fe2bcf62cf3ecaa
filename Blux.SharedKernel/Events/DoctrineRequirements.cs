namespace Blux.SharedKernel.Events;

/// <summary>The <c>doctrine_requirements</c> of a task: what the request, doctrine and reflection demand together.</summary>
public sealed record DoctrineRequirements(bool RequireReflection, bool SandboxExecution, AuditLevel AuditLevel);
