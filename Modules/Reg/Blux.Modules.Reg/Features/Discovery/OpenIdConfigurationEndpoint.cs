using Blux.SharedKernel.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Blux.Modules.Reg.Features.Discovery;

/// <summary>
/// Authorization server metadata (RFC 8414, at the OpenID Connect discovery address that OAuth client
/// libraries and gateways read), so they find the token endpoint, the keys and the client
/// authentication methods by themselves. The endpoints are named at the origin the document was asked
/// from. The issuer is the <c>iss</c> Blux's tokens carry (ADR 0030).
/// </summary>
internal static class OpenIdConfigurationEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/.well-known/openid-configuration", (HttpRequest request) =>
            {
                var origin = $"{request.Scheme}://{request.Host}{request.PathBase}".TrimEnd('/');
                return Results.Json(new AuthorizationServerMetadata(
                    RegOptions.Issuer,
                    origin + "/v1/tokens",
                    origin + "/.well-known/jwks.json",
                    ["client_credentials"],
                    ["client_secret_basic", "client_secret_post"],
                    Scopes.All,
                    ["token"]));
            })
            .AllowAnonymous()
            .Produces<AuthorizationServerMetadata>()
            .WithName("well_known_openid_configuration")
            .WithTags("Reg")
            .WithSummary("Get the authorization server metadata")
            .WithDescription("Discovery for OAuth 2.0 client libraries and API gateways (RFC 8414 members, at the OpenID Connect discovery address): the issuer of Blux's tokens, the token endpoint, the JWKS, the client_credentials grant, the client authentication methods and the scopes.");
}
