using Blux.Modules.Guard.Data;
using Blux.SharedKernel.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Blux.Modules.Guard.Features.PolicyHistory;

internal static class PolicyHistoryEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/v1/policies/history", async (GuardDbContext db, CancellationToken cancellationToken) =>
            {
                var revisions = await db.Doctrines.AsNoTracking().OrderByDescending(d => d.DoctrineVersion).ToListAsync(cancellationToken);
                return Results.Ok(new PolicyHistory(revisions.Select(r => new PolicyRevision(r.DoctrineVersion, r.Digest, r.AppliedAt, r.AppliedBy)).ToArray()));
            })
            .RequireAuthorization(Scopes.Policy(Scopes.PoliciesRead))
            .Produces<PolicyHistory>()
            .WithName("policies_history")
            .WithTags("Guard")
            .WithSummary("List doctrine history")
            .WithDescription("Every doctrine that has been in force, newest first.");

    internal sealed record PolicyHistory(IReadOnlyList<PolicyRevision> Entries);
}
