using Blux.SharedKernel.Api;
using Blux.SharedKernel.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Blux.Modules.Reg.Features.ListIdentities;

internal static class ListIdentitiesEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapQuery<ListIdentitiesQuery, IdentityList>("/v1/identities")
            .Produces<IdentityList>()
            .Operation(Scopes.IdentitiesRead, "Reg", "identities_list", "List identities",
                "Every identity, by id; never a secret.");
}
