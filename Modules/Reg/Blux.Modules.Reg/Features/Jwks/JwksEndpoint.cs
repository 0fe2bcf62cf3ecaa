using Blux.Modules.Reg.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Blux.Modules.Reg.Features.Jwks;

internal static class JwksEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/.well-known/jwks.json", (KeyRing keys, TimeProvider clock) =>
                Results.Json(new JwkSet(keys.PublicKeys(clock.GetUtcNow()).Select(k => k.ToJwk()).ToArray())))
            .AllowAnonymous()
            .Produces<JwkSet>()
            .WithName("well_known_jwks")
            .WithTags("Reg")
            .WithSummary("Get the public signing keys (JWKS)")
            .WithDescription("Public ES512 keys (token and audit) that still verify: pending, active and retired; never revoked ones. Each has kid, alg ES512 and use sig.");

    internal sealed record JwkSet(
        [property: System.ComponentModel.Description("RFC 7517 JWKs: kty EC, crv P-521, x, y, kid, alg ES512, use sig.")] IReadOnlyList<IReadOnlyDictionary<string, string>> Keys);
}
