using Blux.SharedKernel.Api;
using Blux.SharedKernel.Identity;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Blux.Modules.Reg.Features.GetIdentity;

internal static class GetIdentityEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/v1/identities/{id}", async (string id, ISender sender, CancellationToken cancellationToken) =>
                Results.Ok(await sender.Send(new GetIdentityQuery(id), cancellationToken)))
            .Produces<IdentityView>()
            .Operation(Scopes.IdentitiesRead, "Reg", "identities_get", "Get an identity",
                "One identity: kind, display name, roles, status, creation time and registered request-signing keys.");
}
