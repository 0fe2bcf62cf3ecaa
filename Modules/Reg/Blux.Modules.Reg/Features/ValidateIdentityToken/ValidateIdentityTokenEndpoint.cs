using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Blux.SharedKernel.Api;
using Blux.SharedKernel.Identity;
using Blux.SharedKernel.Json;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Blux.Modules.Reg.Features.ValidateIdentityToken;

internal static class ValidateIdentityTokenEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/v1/identities/validate", async (HttpRequest request, ISender sender, CancellationToken cancellationToken) =>
            {
                var (_, body) = await JsonBody.ReadAsync<ValidateBody>(request.Body, cancellationToken);
                return Results.Ok(await sender.Send(new ValidateIdentityTokenQuery(body.Token, body.RequiredScope), cancellationToken));
            })
            .Accepts<ValidateBody>("application/json")
            .Produces<TokenCheck>()
            .Operation(Scopes.IdentitiesRead, "Reg", "identities_validate_token", "Check a token",
                "Check a token as Blux would (signature, kid, iss, aud, lifetime, identity active) and that it carries the required scopes.");

    [RequestSchema]
    internal sealed record ValidateBody(
        [property: Required, Description("The access token to check.")] string? Token,
        [property: Description("Scopes the token must carry.")] List<string>? RequiredScope);
}
