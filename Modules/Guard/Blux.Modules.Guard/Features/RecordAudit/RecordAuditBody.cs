using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using Blux.Modules.Guard.Contracts;
using Blux.SharedKernel.Api;

namespace Blux.Modules.Guard.Features.RecordAudit;

/// <summary>An external audit record; the identity is always the caller's.</summary>
[RequestSchema]
internal sealed record RecordAuditBody(
    [property: Required, Description("The outside service's name; blux-lite, blux-ca, blux-guard and blux-reg are Blux's own and refused.")] string? Service,
    [property: Required, Description("What happened, e.g. invoice.sent.")] string? Operation,
    [property: RegularExpression("^sha256-[0-9a-f]{64}$")] string? InputHash,
    [property: RegularExpression("^sha256-[0-9a-f]{64}$")] string? OutputHash,
    List<string>? DoctrineFlagsApplied,
    List<string>? RelatedEvents,
    [property: DefaultValue(AuditStatuses.Success), AllowedValues(AuditStatuses.Success, AuditStatuses.Failure, AuditStatuses.Denied)] string? Status,
    [property: DefaultValue(0L), Range(0L, long.MaxValue)] long? DurationMs,
    [property: Description("Extras, kept as audit_level says, with secrets redacted.")] JsonObject? Data,
    [property: DefaultValue("detailed"), AllowedValues("none", "basic", "detailed", "verbose")] string? AuditLevel);
