using System.Text.Json.Nodes;
using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Blux.SharedKernel.Api;
using Blux.SharedKernel.Errors;
using Blux.SharedKernel.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Blux.Modules.Reg.Features.RegisterRequestKey;

internal static class RegisterRequestKeyEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapCommand<RegisterKeyBody, RegisteredKey>(
                HttpMethods.Post,
                "/v1/identities/{id}/keys",
                input => new RegisterRequestKeyCommand(input.Caller, input.Id!, input.Body.Jwk),
                (input, registered) => Results.Created($"/v1/identities/{Uri.EscapeDataString(input.Id!)}", registered))
            .Accepts<RegisterKeyBody>("application/json")
            .Produces<RegisteredKey>(StatusCodes.Status201Created)
            .Produces<ErrorEnvelope>(StatusCodes.Status409Conflict)
            .Operation(Scopes.IdentitiesWrite, "Reg", "identities_register_key", "Register a request-signing key",
                "Register a request-signing ES512 public JWK (P-521) for an identity; answers its kid (the JWK's own, or its RFC 7638 thumbprint).");

    [RequestSchema]
    internal sealed record RegisterKeyBody([property: Required, Description("A public EC JWK on P-521 (kty EC, crv P-521, x, y; kid optional); a private member is refused.")] JsonObject? Jwk);
}
