namespace Blux.Modules.Guard.Domain;

/// <summary>A doctrine as it was put in force; the newest version is the one that applies.</summary>
internal sealed class DoctrineRevision
{
    public required long DoctrineVersion { get; init; }

    public required string Json { get; init; }

    public required string Digest { get; init; }

    public required DateTimeOffset AppliedAt { get; init; }

    public required string AppliedBy { get; init; }
}
