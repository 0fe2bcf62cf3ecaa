namespace Blux.Modules.Guard.Domain;

/// <summary>One signed BLUXEvent in the append-only event log.</summary>
internal sealed record EventLogRow(string EventId, string? TaskId, string EventType, string AuditId, string Timestamp, string Json)
{
    /// <summary>The log's order, given by the store when the row is inserted.</summary>
    public long Seq { get; init; }
}
