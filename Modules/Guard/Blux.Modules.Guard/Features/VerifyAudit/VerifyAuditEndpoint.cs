using Blux.Modules.Guard.Audit;
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
                return Results.Ok(new
                {
                    valid = report.Valid,
                    @checked = report.Checked,
                    head = report.Head is null ? null : new { seq = report.Head.Seq, record_hash = report.Head.RecordHash },
                    checkpoints_verified = report.CheckpointsVerified,
                    first_failure = report.FirstFailure is null ? null : new
                    {
                        seq = report.FirstFailure.Seq,
                        audit_id = report.FirstFailure.AuditId,
                        reason = report.FirstFailure.Reason,
                    },
                    flags = report.RevokedKeys.Select(use => new
                    {
                        flag = "signed_by_revoked_key",
                        key_id = use.KeyId,
                        revoked_at = use.RevokedAt,
                        records = use.Records,
                        checkpoints = use.Checkpoints,
                        first_seq = use.FirstSeq,
                        last_seq = use.LastSeq,
                    }),
                });
            })
            .RequireAuthorization(Scopes.Policy(Scopes.AuditRead))
            .WithTags("Guard")
            .WithSummary("Verify the audit chain: order, hashes, signatures and checkpoints; names the first broken record and flags what revoked keys signed before their revocation.");

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
