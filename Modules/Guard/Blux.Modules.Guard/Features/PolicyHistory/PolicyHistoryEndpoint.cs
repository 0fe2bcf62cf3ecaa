using System.Text.Json.Nodes;
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
        app.MapGet("/v1/policies/history", async (HttpRequest request, GuardDbContext db, CancellationToken cancellationToken) =>
            {
                var withDocuments = string.Equals(request.Query["documents"], "true", StringComparison.Ordinal);
                var revisions = await db.Doctrines.AsNoTracking().OrderByDescending(d => d.DoctrineVersion).ToListAsync(cancellationToken);
                return Results.Ok(new
                {
                    entries = revisions.Select(r => withDocuments
                        ? (object)new
                        {
                            doctrine_version = r.DoctrineVersion,
                            digest = r.Digest,
                            applied_at = r.AppliedAt,
                            applied_by = r.AppliedBy,
                            document = JsonNode.Parse(r.Json),
                        }
                        : new
                        {
                            doctrine_version = r.DoctrineVersion,
                            digest = r.Digest,
                            applied_at = r.AppliedAt,
                            applied_by = r.AppliedBy,
                        }),
                });
            })
            .RequireAuthorization(Scopes.Policy(Scopes.PoliciesRead))
            .WithTags("Guard")
            .WithSummary("Every doctrine that has been in force, newest first; ?documents=true adds each version's document (for a diff).");
}
