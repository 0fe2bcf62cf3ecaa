namespace Blux.Modules.Guard.Domain;

/// <summary>One signed BLUXEvent in the append-only event log.</summary>
internal sealed class EventLogRow
{
    public long Seq { get; init; }

    public required string EventId { get; init; }

    public string? TaskId { get; init; }

    public required string EventType { get; init; }

    public required string AuditId { get; init; }

    public required string Timestamp { get; init; }

    public required string Json { get; init; }
}
