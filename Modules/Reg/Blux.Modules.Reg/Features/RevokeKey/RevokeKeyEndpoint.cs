using Blux.Modules.Reg.Keys;
using System.ComponentModel.DataAnnotations;
using Blux.SharedKernel.Api;
using Blux.SharedKernel.Errors;
using Blux.SharedKernel.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Blux.Modules.Reg.Features.RevokeKey;

internal static class RevokeKeyEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapCommand<RevokeKeyBody, KeyRevocation>(HttpMethods.Post, "/v1/keys/{id}/revoke", input => new RevokeKeyCommand(input.Caller, input.Id!, input.Body.Reason))
            .Accepts<RevokeKeyBody>("application/json")
            .Produces<KeyRevocation>()
            .Produces<ErrorEnvelope>(StatusCodes.Status409Conflict)
            .Operation(Scopes.KeysRotate, "Reg", "keys_revoke", "Revoke a signing key",
                "Revoke a key: it leaves JWKS and its tokens are refused at once; revoking the key that signs puts a new one in force.");

    [RequestSchema]
    internal sealed record RevokeKeyBody([property: Required] string? Reason);
}
