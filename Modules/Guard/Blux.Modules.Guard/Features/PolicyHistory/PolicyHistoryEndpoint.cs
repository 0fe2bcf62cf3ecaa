using Blux.SharedKernel.Api;
using Blux.SharedKernel.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Blux.Modules.Guard.Features.PolicyHistory;

internal static class PolicyHistoryEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapQuery<PolicyHistoryRequest, PolicyHistory>("/v1/policies/history")
            .Produces<PolicyHistory>()
            .WithMetadata(new ApiParameter("documents", "true adds each version's whole document, for a diff between versions.") { AllowedValues = ["true", "false"], Default = "false" })
            .Operation(Scopes.PoliciesRead, "Guard", "policies_history", "List doctrine history",
                "Every doctrine that has been in force, newest first; with documents=true each entry carries its document.");
}
