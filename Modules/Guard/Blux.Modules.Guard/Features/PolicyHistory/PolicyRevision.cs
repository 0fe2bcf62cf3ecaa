namespace Blux.Modules.Guard.Features.PolicyHistory;

/// <summary>A doctrine that has been in force.</summary>
internal sealed record PolicyRevision(long DoctrineVersion, string Digest, DateTimeOffset AppliedAt, string AppliedBy);
