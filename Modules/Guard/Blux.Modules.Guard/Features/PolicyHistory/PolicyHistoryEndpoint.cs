using System.Text.Json.Nodes;
using Blux.Modules.Guard.Data;
using Blux.SharedKernel.Api;
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
                return Results.Ok(new PolicyHistory(revisions.Select(r => new PolicyRevision(r.DoctrineVersion, r.Digest, r.AppliedAt, r.AppliedBy, withDocuments ? JsonNode.Parse(r.Json) : null)).ToArray()));
            })
            .RequireAuthorization(Scopes.Policy(Scopes.PoliciesRead))
            .Produces<PolicyHistory>()
            .WithName("policies_history")
            .WithTags("Guard")
            .WithMetadata(new ApiParameter("documents", "true adds each version's whole document, for a diff between versions.") { AllowedValues = ["true", "false"], Default = "false" })
            .WithSummary("List doctrine history")
            .WithDescription("Every doctrine that has been in force, newest first; with documents=true each entry carries its document.");

    internal sealed record PolicyHistory(IReadOnlyList<PolicyRevision> Entries);
}
