namespace Blux.SharedKernel.Events;

/// <summary>What every <see cref="BLUXEvent"/> carries besides its own fields: a new id, when, which module, and the audit record it belongs with.</summary>
public readonly record struct EventOrigin(string EventId, DateTimeOffset Timestamp, string Source, string AuditId)
{
    /// <summary>A new event id from <paramref name="clock"/>, stamped <paramref name="at"/> or now.</summary>
    public static EventOrigin New(TimeProvider clock, string source, string auditId, DateTimeOffset? at = null) =>
        new(BluxId.New(BluxId.Event, clock), at ?? clock.GetUtcNow(), source, auditId);
}
