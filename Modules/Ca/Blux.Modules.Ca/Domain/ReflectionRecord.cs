namespace Blux.Modules.Ca.Domain;

/// <summary>A note as Ca wrote it, kept so that a task's reflection can be explained later; never changed once written.</summary>
internal sealed record ReflectionRecord(
    string NoteId,
    string TaskId,
    string Identity,
    string Risk,
    string Recommendation,
    string Json,
    DateTimeOffset CreatedAt);
