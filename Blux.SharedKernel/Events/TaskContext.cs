namespace Blux.SharedKernel.Events;

/// <summary>The <c>context</c> of the seed's task request.</summary>
public sealed record TaskContext(string? UserId, string Environment, string Sensitivity);
