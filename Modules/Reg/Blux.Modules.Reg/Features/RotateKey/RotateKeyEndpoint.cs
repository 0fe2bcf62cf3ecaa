using Blux.Modules.Reg.Keys;
using Blux.SharedKernel.Errors;
using Blux.SharedKernel.Identity;
using Blux.SharedKernel.Json;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Blux.Modules.Reg.Features.RotateKey;

internal static class RotateKeyEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/v1/keys/rotate", async (HttpContext http, ISender sender, CancellationToken cancellationToken) =>
            {
                var (_, body) = await JsonBody.ReadAsync<RotateKeyBody>(http.Request.Body, cancellationToken);
                var caller = Caller.Require(http.User);
                var rotation = await sender.Send(new RotateKeyCommand(caller, body.KeyType, body.RotationReason, body.ValidAfter), cancellationToken);
                return Results.Created("/v1/keys", rotation);
            })
            .RequireAuthorization(Scopes.Policy(Scopes.KeysRotate))
            .Accepts<RotateKeyBody>("application/json")
            .Produces<KeyRotation>(StatusCodes.Status201Created)
            .WithTags("Reg")
            .WithSummary("Create the next token or audit key: published in JWKS at once, signs from valid_after (default now). Emits KeyRotate.");

    internal sealed record RotateKeyBody(string? KeyType, string? RotationReason, DateTimeOffset? ValidAfter);
}
