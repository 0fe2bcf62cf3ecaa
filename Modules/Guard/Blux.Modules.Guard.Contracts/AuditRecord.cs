using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;

namespace Blux.Modules.Guard.Contracts;

/// <summary>
/// The shape of an audit record as the API shows it (docs/contract.md#audit-record-and-hash-chain). Blux keeps and answers records as JSON
/// (<see cref="GetAuditRecords"/>); this type names that JSON's members for the OpenAPI document.
/// </summary>
public sealed record AuditRecord(
    string AuditId,
    [property: Description("Position in the chain, from 1.")] long Seq,
    DateTimeOffset Timestamp,
    [property: Description("blux-lite, blux-ca, blux-guard, blux-reg, or an outside service's name.")] string Service,
    [property: Description("task.create, task.execute, auth.failed, access.denied, key.rotate, doctrine.update, …")] string Operation,
    [property: Description("Who, as kind:id (user:alice, service:svc_ingest).")] string Identity,
    [property: Description("sha256-<hex> of the request, when there was one.")] string? InputHash,
    string? OutputHash,
    IReadOnlyList<string> DoctrineFlagsApplied,
    [property: Description("The ids of the BLUXEvents the record belongs with.")] IReadOnlyList<string> RelatedEvents,
    [property: AllowedValues(AuditStatuses.Success, AuditStatuses.Failure, AuditStatuses.Denied)] string Status,
    long DurationMs,
    [property: Description("Extras kept by audit_level, with secrets redacted.")] JsonObject Data,
    [property: Description("The record_hash of the record before; sha256- and 64 zeros for the first.")] string PrevHash,
    [property: Description("The audit key that signed the record.")] string KeyId,
    [property: Description("sha256-<hex> of the RFC 8785 form of the record without record_hash and signature.")] string RecordHash,
    [property: Description("es512-<base64url> over the ASCII of record_hash.")] string Signature);
