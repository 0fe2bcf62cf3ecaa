using System.Text.Json.Nodes;
using Blux.Modules.Guard.Contracts;

namespace Blux.Modules.Lite.Domain;

/// <summary>
/// A status change written to the task row before its audit record exists. The change takes effect
/// only once the audit record (its id fixed here) is durable and the events (ids fixed here) are in the
/// log, so a crash at any point is finished on restart exactly once: records and events that exist are
/// not written again, the rest are.
/// </summary>
internal sealed record PendingTransition
{
    public required TaskAction Action { get; init; }

    public required string From { get; init; }

    public required string To { get; init; }

    public required DateTimeOffset At { get; init; }

    public required AuditEntry Audit { get; init; }

    /// <summary>The events in their JSON form (<see cref="Blux.SharedKernel.Events.BLUXEvent.ToJson"/>), unsigned.</summary>
    public IReadOnlyList<JsonObject> Events { get; init; } = [];

    public string? ResultJson { get; init; }

    public string? ErrorCode { get; init; }

    public string? ErrorMessage { get; init; }

    public long? DurationMs { get; init; }

    /// <summary>When a task that goes back to queued may run again.</summary>
    public DateTimeOffset? NotBefore { get; init; }

    /// <summary>The identity that approved, rejected or cancelled.</summary>
    public string? Actor { get; init; }

    public string? Reason { get; init; }

    public string AuditId => Audit.AuditId!;
}
