namespace Blux.Modules.Guard.Domain;

/// <summary>A doctrine as it was put in force, never changed once written; the newest version is the one that applies.</summary>
internal sealed record DoctrineRevision(long DoctrineVersion, string Json, string Digest, DateTimeOffset AppliedAt, string AppliedBy);
