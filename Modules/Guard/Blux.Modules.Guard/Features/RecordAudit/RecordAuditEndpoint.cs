using System.Text.RegularExpressions;
using Blux.Modules.Guard.Contracts;
using Blux.SharedKernel.Api;
using Blux.SharedKernel.Errors;
using Blux.SharedKernel.Events;
using Blux.SharedKernel.Identity;
using Blux.SharedKernel.Json;
using Blux.SharedKernel.Vocabulary;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Blux.Modules.Guard.Features.RecordAudit;

/// <summary>
/// Appends a record from outside Blux. The identity is always the caller's, never what the body
/// claims, and no one outside may write as one of Blux's own modules.
/// </summary>
internal static partial class RecordAuditEndpoint
{
    private static readonly string[] ReservedServices = [BluxSources.Lite, BluxSources.Ca, BluxSources.Guard, BluxSources.Reg];

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/v1/audit", async (HttpContext http, ISender sender, CancellationToken cancellationToken) =>
            {
                var (_, body) = await JsonBody.ReadAsync<RecordAuditBody>(http.Request.Body, cancellationToken);
                var caller = Caller.Require(http.User);
                var auditLevel = Check(body);
                var receipt = await sender.Send(
                    new Contracts.AppendAudit(new AuditEntry
                    {
                        Service = body.Service!,
                        Operation = body.Operation!,
                        Identity = caller.AuditName,
                        InputHash = body.InputHash,
                        OutputHash = body.OutputHash,
                        DoctrineFlagsApplied = body.DoctrineFlagsApplied ?? [],
                        RelatedEvents = body.RelatedEvents ?? [],
                        Status = body.Status ?? AuditStatuses.Success,
                        DurationMs = body.DurationMs ?? 0,
                        Data = body.Data,
                        AuditLevel = auditLevel,
                    }),
                    cancellationToken);
                return Results.Json(
                    new AuditReceipt(receipt.AuditId, receipt.Seq, receipt.RecordHash, receipt.Signature),
                    BluxJson.Options,
                    statusCode: StatusCodes.Status201Created);
            })
            .Accepts<RecordAuditBody>("application/json")
            .Produces<AuditReceipt>(StatusCodes.Status201Created)
            .WithMetadata(new ApiExample("invoice", "An outside service's record", """{"service":"billing","operation":"invoice.sent","input_hash":"sha256-9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08","status":"success","duration_ms":12,"data":{"invoice":"INV-1042"}}"""))
            .Operation(Scopes.AuditWrite, "Guard", "audit_append", "Append an audit record",
                "Append an external record to the signed audit chain, as the caller's identity; answers once it is durable.");

    internal sealed record AuditReceipt(string AuditId, long Seq, string RecordHash, string Signature);

    /// <summary>Refuses what an outside record may not say; answers its audit level, <c>detailed</c> when it names none.</summary>
    private static AuditLevel Check(RecordAuditBody body)
    {
        if (string.IsNullOrWhiteSpace(body.Service))
        {
            throw BluxException.Validation("service", "missing_field", "service is required.");
        }

        if (ReservedServices.Contains(body.Service))
        {
            throw BluxException.Validation("service", "reserved", $"{body.Service} is one of Blux's own modules; external records need their own service name.");
        }

        if (string.IsNullOrWhiteSpace(body.Operation))
        {
            throw BluxException.Validation("operation", "missing_field", "operation is required.");
        }

        foreach (var (field, value) in new[] { ("input_hash", body.InputHash), ("output_hash", body.OutputHash) })
        {
            if (value is not null && !HashPattern().IsMatch(value))
            {
                throw BluxException.Validation(field, "invalid_format", $"{field} must be sha256- followed by 64 lowercase hex digits.");
            }
        }

        if (body.Status is not null && body.Status is not (AuditStatuses.Success or AuditStatuses.Failure or AuditStatuses.Denied))
        {
            throw BluxException.Validation("status", "unknown_value", "status must be success, failure or denied.");
        }

        var auditLevel = AuditLevel.Detailed;
        if (body.AuditLevel is not null && !WireName<AuditLevel>.TryParse(body.AuditLevel, out auditLevel))
        {
            throw BluxException.Validation("audit_level", "unknown_value", $"audit_level must be {WireName<AuditLevel>.Listed}.");
        }

        if (body.DurationMs is < 0)
        {
            throw BluxException.Validation("duration_ms", "invalid_value", "duration_ms cannot be negative.");
        }

        return auditLevel;
    }

    // \z, not $: $ also matches before a final "\n".
    [GeneratedRegex("^sha256-[0-9a-f]{64}\\z")]
    private static partial Regex HashPattern();
}
