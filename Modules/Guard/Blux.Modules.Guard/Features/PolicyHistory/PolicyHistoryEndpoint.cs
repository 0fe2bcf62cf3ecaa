using Blux.SharedKernel.Api;
using Blux.SharedKernel.Identity;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Blux.Modules.Guard.Features.PolicyHistory;

internal static class PolicyHistoryEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/v1/policies/history", async ([AsParameters] PolicyHistoryRequest request, ISender sender, CancellationToken cancellationToken) =>
                Results.Ok(await sender.Send(request, cancellationToken)))
            .RequireAuthorization(Scopes.Policy(Scopes.PoliciesRead))
            .Produces<PolicyHistory>()
            .WithName("policies_history")
            .WithTags("Guard")
            .WithMetadata(new ApiParameter("documents", "true adds each version's whole document, for a diff between versions.") { AllowedValues = ["true", "false"], Default = "false" })
            .WithSummary("List doctrine history")
            .WithDescription("Every doctrine that has been in force, newest first; with documents=true each entry carries its document.");
}
