namespace Blux.SharedKernel.Events;

/// <summary>The <c>context</c> of a task request (docs/contract.md#task-request).</summary>
public sealed record TaskContext(string? UserId, string Environment, string Sensitivity);
