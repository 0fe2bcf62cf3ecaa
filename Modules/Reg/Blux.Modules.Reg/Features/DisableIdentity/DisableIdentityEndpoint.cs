using Blux.SharedKernel.Api;
using Blux.SharedKernel.Identity;
using Blux.SharedKernel.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Blux.Modules.Reg.Features.DisableIdentity;

internal static class DisableIdentityEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapCommand("/v1/identities/{id}/disable", (caller, id) => new DisableIdentityCommand(caller, id))
            .Produces<DisabledIdentity>()
            .Operation(Scopes.IdentitiesWrite, "Reg", "identities_disable", "Disable an identity",
                "Disable an identity: its live tokens are refused from the next request, and it can get no new ones.");
}
