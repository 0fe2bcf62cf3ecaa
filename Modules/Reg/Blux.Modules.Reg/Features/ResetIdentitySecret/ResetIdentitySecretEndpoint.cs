using Blux.SharedKernel.Api;
using Blux.SharedKernel.Errors;
using Blux.SharedKernel.Identity;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Blux.Modules.Reg.Features.ResetIdentitySecret;

internal static class ResetIdentitySecretEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/v1/identities/{id}/secret", async (string id, HttpContext http, ISender sender, CancellationToken cancellationToken) =>
            {
                var caller = Caller.Require(http.User);
                return Results.Ok(await sender.Send(new ResetIdentitySecretCommand(caller, id), cancellationToken));
            })
            .Produces<NewSecret>()
            .Operation(Scopes.IdentitiesWrite, "Reg", "identities_reset_secret", "Reset an identity's secret",
                "Generate a new client secret for an identity, shown this once; the old secret stops working.");
}
