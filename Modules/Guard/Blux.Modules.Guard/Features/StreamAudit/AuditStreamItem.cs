using Blux.Modules.Guard.Domain;

namespace Blux.Modules.Guard.Features.StreamAudit;

/// <summary>What the tail sends next: a record, or a comment (<c>connected</c>, <c>heartbeat</c>) that keeps the stream open.</summary>
internal readonly record struct AuditStreamItem(AuditRecordRow? Record, string? Comment)
{
    public static readonly AuditStreamItem Connected = new(null, "connected");

    public static readonly AuditStreamItem Heartbeat = new(null, "heartbeat");
}
