using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Blux.SharedKernel.Json;
using Mediator;

namespace Blux.SharedKernel.Events;

/// <summary>
/// The base of every event on the bus (docs/contract.md#events). Events are signed and persisted by the event bus
/// before any handler sees them.
/// </summary>
public abstract record BLUXEvent(string EventId, DateTimeOffset Timestamp, string Source, string AuditId) : INotification
{
    /// <summary>Every event type's constructor takes its origin first, so no event is made without the four fields.</summary>
    protected BLUXEvent(EventOrigin origin)
        : this(origin.EventId, origin.Timestamp, origin.Source, origin.AuditId)
    {
    }

    /// <summary>The four fields of the constructor at once.</summary>
    [JsonIgnore]
    public EventOrigin Origin => new(EventId, Timestamp, Source, AuditId);

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
