using Blux.SharedKernel.Api;
using Blux.SharedKernel.Identity;
using Blux.SharedKernel.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Blux.Modules.Reg.Features.ResetIdentitySecret;

internal static class ResetIdentitySecretEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapCommand("/v1/identities/{id}/secret", (caller, id) => new ResetIdentitySecretCommand(caller, id))
            .Produces<NewSecret>()
            .Operation(Scopes.IdentitiesWrite, "Reg", "identities_reset_secret", "Reset an identity's secret",
                "Generate a new client secret for an identity, shown this once; the old secret stops working.");
}
