using System.Text.Json.Nodes;

namespace Blux.Modules.Guard.Features.RecordAudit;

/// <summary>An external audit record, as a service sends it to POST /v1/audit.</summary>
internal sealed record RecordAuditBody(
    string? Service,
    string? Operation,
    string? InputHash,
    string? OutputHash,
    List<string>? DoctrineFlagsApplied,
    List<string>? RelatedEvents,
    string? Status,
    long? DurationMs,
    JsonObject? Data,
    string? AuditLevel);
