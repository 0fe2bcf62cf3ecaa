using Blux.Modules.Reg.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Blux.Modules.Reg.Features.Jwks;

internal static class JwksEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/.well-known/jwks.json", (KeyRing keys) => Results.Json(new { keys = keys.PublicKeys().Select(k => k.ToJwk()) }))
            .AllowAnonymous()
            .WithTags("Reg")
            .WithSummary("Public ES512 keys (token and audit) that still verify.");
}
