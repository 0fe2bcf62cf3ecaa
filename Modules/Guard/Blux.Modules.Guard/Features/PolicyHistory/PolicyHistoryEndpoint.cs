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
            .Produces<PolicyHistory>()
            .WithMetadata(new ApiParameter("documents", "true adds each version's whole document, for a diff between versions.") { AllowedValues = ["true", "false"], Default = "false" })
            .Operation(Scopes.PoliciesRead, "Guard", "policies_history", "List doctrine history",
                "Every doctrine that has been in force, newest first; with documents=true each entry carries its document.");
}
