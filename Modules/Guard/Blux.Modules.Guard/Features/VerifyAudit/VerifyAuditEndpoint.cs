using Blux.Modules.Guard.Audit;
using Blux.SharedKernel.Api;
using Blux.SharedKernel.Errors;
using Blux.SharedKernel.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Blux.Modules.Guard.Features.VerifyAudit;

internal static class VerifyAuditEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/v1/audit/verify", async (HttpRequest request, AuditChainVerifier verifier, CancellationToken cancellationToken) =>
            {
                var from = ReadSeq(request, "from_seq") ?? 1;
                var to = ReadSeq(request, "to_seq");
                var report = await verifier.VerifyAsync(from, to, cancellationToken);
                return Results.Ok(new AuditVerification(
                    report.Valid,
                    report.Checked,
                    report.Head is null ? null : new ChainHead(report.Head.Seq, report.Head.RecordHash),
                    report.CheckpointsVerified,
                    report.FirstFailure is null ? null : new ChainFailure(report.FirstFailure.Seq, report.FirstFailure.AuditId, report.FirstFailure.Reason),
                    report.RevokedKeys.Select(use => new RevokedKeyFlag("signed_by_revoked_key", use.KeyId, use.RevokedAt, use.Records, use.Checkpoints, use.FirstSeq, use.LastSeq)).ToArray()));
            })
            .RequireAuthorization(Scopes.Policy(Scopes.AuditRead))
            .Produces<AuditVerification>()
            .WithMetadata(
                new ApiParameter("from_seq", "The first seq to check.") { Type = ApiParameterType.Integer, Minimum = 1, Default = 1 },
                new ApiParameter("to_seq", "The last seq to check; the head when left out.") { Type = ApiParameterType.Integer, Minimum = 1 })
            .WithName("audit_verify")
            .WithTags("Guard")
            .WithSummary("Verify the audit chain")
            .WithDescription("Verify the audit chain: order, hashes, signatures and checkpoints; names the first broken record (edited, deleted, inserted, reordered, badly signed, or a truncated tail) and flags what revoked keys signed before their revocation.");

    private static long? ReadSeq(HttpRequest request, string name)
    {
        var raw = request.Query[name].ToString();
        if (string.IsNullOrEmpty(raw))
        {
            return null;
        }

        return long.TryParse(raw, out var value) && value >= 1
            ? value
            : throw BluxException.Validation(name, "invalid_value", $"{name} must be a positive integer.");
    }
}
