using Blux.SharedKernel.Api;
using Blux.SharedKernel.Errors;
using Blux.SharedKernel.Identity;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Blux.Modules.Reg.Features.DisableIdentity;

internal static class DisableIdentityEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/v1/identities/{id}/disable", async (string id, HttpContext http, ISender sender, CancellationToken cancellationToken) =>
            {
                var caller = Caller.Require(http.User);
                return Results.Ok(await sender.Send(new DisableIdentityCommand(caller, id), cancellationToken));
            })
            .Produces<DisabledIdentity>()
            .Operation(Scopes.IdentitiesWrite, "Reg", "identities_disable", "Disable an identity",
                "Disable an identity: its live tokens are refused from the next request, and it can get no new ones.");
}
