using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Blux.SharedKernel.Json;
using Mediator;

namespace Blux.SharedKernel.Events;

/// <summary>
/// The base of every event on the bus (docs/contract.md#events). Events are signed and persisted by the event bus
/// before any handler sees them.
/// </summary>
public abstract record BLUXEvent : INotification
{
    public string EventId { get; init; } = string.Empty;

    public DateTimeOffset Timestamp { get; init; }

    public string Source { get; init; } = string.Empty;

    public string AuditId { get; init; } = string.Empty;

    /// <summary>The four fields above at once; each event type's factory takes it, so no event is made without them.</summary>
    [JsonIgnore]
    public EventOrigin Origin
    {
        get => new(EventId, Timestamp, Source, AuditId);
        init => (EventId, Timestamp, Source, AuditId) = (value.EventId, value.Timestamp, value.Source, value.AuditId);
    }

    public string? Signature { get; init; }

    [JsonIgnore]
    public string EventType => GetType().Name;

    /// <summary>The task the event belongs to, when it belongs to one.</summary>
    public virtual string? TaskReference() => null;

    /// <summary>The JSON form: every field in snake_case plus <c>event_type</c>.</summary>
    public JsonObject ToJson()
    {
        var node = (JsonObject)System.Text.Json.JsonSerializer.SerializeToNode(this, GetType(), BluxJson.Options)!;
        node["event_type"] = EventType;
        return node;
    }

    /// <summary>The bytes that are signed: the RFC 8785 form without <c>signature</c>.</summary>
    public byte[] SigningBytes()
    {
        var node = ToJson();
        node.Remove("signature");
        return CanonicalJson.ToUtf8Bytes(node);
    }
}
