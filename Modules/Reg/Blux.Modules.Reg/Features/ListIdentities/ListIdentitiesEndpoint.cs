using Blux.SharedKernel.Api;
using Blux.SharedKernel.Identity;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Blux.Modules.Reg.Features.ListIdentities;

internal static class ListIdentitiesEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/v1/identities", async (ISender sender, CancellationToken cancellationToken) =>
                Results.Ok(await sender.Send(new ListIdentitiesQuery(), cancellationToken)))
            .Produces<IdentityList>()
            .Operation(Scopes.IdentitiesRead, "Reg", "identities_list", "List identities",
                "Every identity, by id; never a secret.");
}
