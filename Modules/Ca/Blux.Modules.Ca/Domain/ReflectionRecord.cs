namespace Blux.Modules.Ca.Domain;

/// <summary>A note as Ca wrote it, kept so that a task's reflection can be explained later.</summary>
internal sealed class ReflectionRecord
{
    public required string NoteId { get; init; }

    public required string TaskId { get; init; }

    public required string Identity { get; init; }

    public required string Risk { get; init; }

    public required string Recommendation { get; init; }

    public required string Json { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
}
