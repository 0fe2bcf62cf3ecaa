using Blux.SharedKernel.Api;
using Blux.SharedKernel.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Blux.Modules.Guard.Features.VerifyAudit;

internal static class VerifyAuditEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapQuery<VerifyAuditRequest, AuditVerification>("/v1/audit/verify")
            .Produces<AuditVerification>()
            .WithMetadata(
                new ApiParameter("from_seq", "The first seq to check.") { Type = ApiParameterType.Integer, Minimum = 1, Default = 1 },
                new ApiParameter("to_seq", "The last seq to check; the head when left out.") { Type = ApiParameterType.Integer, Minimum = 1 })
            .Operation(Scopes.AuditRead, "Guard", "audit_verify", "Verify the audit chain",
                "Verify the audit chain: order, hashes, signatures and checkpoints; names the first broken record (edited, deleted, inserted, reordered, badly signed, or a truncated tail) and flags what revoked keys signed before their revocation.");
}
