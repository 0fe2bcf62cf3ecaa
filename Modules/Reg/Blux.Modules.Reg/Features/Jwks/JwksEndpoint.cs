using Blux.Modules.Reg.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Blux.Modules.Reg.Features.Jwks;

internal static class JwksEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/.well-known/jwks.json", (KeyRing keys, TimeProvider clock) =>
                Results.Json(new { keys = keys.PublicKeys(clock.GetUtcNow()).Select(k => k.ToJwk()) }))
            .AllowAnonymous()
            .WithTags("Reg")
            .WithSummary("Public ES512 keys (token and audit) that still verify: pending, active and retired; never revoked ones.");
}
