using System.Text.Json.Nodes;
using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Blux.SharedKernel.Api;
using Blux.SharedKernel.Errors;
using Blux.SharedKernel.Identity;
using Blux.SharedKernel.Json;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Blux.Modules.Reg.Features.RegisterRequestKey;

internal static class RegisterRequestKeyEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/v1/identities/{id}/keys", async (string id, HttpContext http, ISender sender, CancellationToken cancellationToken) =>
            {
                var (_, body) = await JsonBody.ReadAsync<RegisterKeyBody>(http.Request.Body, cancellationToken);
                var caller = Caller.Require(http.User);
                var registered = await sender.Send(new RegisterRequestKeyCommand(caller, id, body.Jwk), cancellationToken);
                return Results.Created($"/v1/identities/{Uri.EscapeDataString(id)}", registered);
            })
            .Accepts<RegisterKeyBody>("application/json")
            .Produces<RegisteredKey>(StatusCodes.Status201Created)
            .Produces<ErrorEnvelope>(StatusCodes.Status409Conflict)
            .Operation(Scopes.IdentitiesWrite, "Reg", "identities_register_key", "Register a request-signing key",
                "Register a request-signing ES512 public JWK (P-521) for an identity; answers its kid (the JWK's own, or its RFC 7638 thumbprint).");

    [RequestSchema]
    internal sealed record RegisterKeyBody([property: Required, Description("A public EC JWK on P-521 (kty EC, crv P-521, x, y; kid optional); a private member is refused.")] JsonObject? Jwk);
}
