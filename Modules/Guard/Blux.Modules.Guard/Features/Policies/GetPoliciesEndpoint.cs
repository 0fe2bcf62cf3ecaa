using Blux.Modules.Guard.Doctrine;
using Blux.SharedKernel.Api;
using Blux.SharedKernel.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Blux.Modules.Guard.Features.Policies;

internal static class GetPoliciesEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/v1/policies", (ActiveDoctrine doctrine) => Results.Ok(DoctrineReader.ToResponse(doctrine.Current)))
            .Produces<DoctrineView>()
            .Operation(Scopes.PoliciesRead, "Guard", "policies_get", "Get the doctrine",
                "The doctrine in force (flags, constraints, roles, rules, default effect), with its digest.");
}
