using Blux.Modules.Reg.Keys;
using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Blux.SharedKernel.Api;
using Blux.SharedKernel.Errors;
using Blux.SharedKernel.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Blux.Modules.Reg.Features.RotateKey;

internal static class RotateKeyEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapCommand<RotateKeyBody, KeyRotation>(
                HttpMethods.Post,
                "/v1/keys/rotate",
                input => new RotateKeyCommand(input.Caller, input.Body.KeyType, input.Body.RotationReason, input.Body.ValidAfter),
                (_, rotation) => Results.Created("/v1/keys", rotation))
            .Accepts<RotateKeyBody>("application/json")
            .Produces<KeyRotation>(StatusCodes.Status201Created)
            .WithMetadata(new ApiExample("scheduled", "Rotate the token key now", """{"key_type":"token_signing","rotation_reason":"scheduled"}"""))
            .Operation(Scopes.KeysRotate, "Reg", "keys_rotate", "Rotate a signing key",
                "Create the next token or audit key: published in JWKS at once, signs from valid_after (default now). Emits KeyRotate.");

    [RequestSchema]
    internal sealed record RotateKeyBody(
        [property: Required, AllowedValues("token_signing", "audit_signing")] string? KeyType,
        [property: Required] string? RotationReason,
        [property: Description("When the new key starts signing; now when left out.")] DateTimeOffset? ValidAfter);
}
