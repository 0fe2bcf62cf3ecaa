using Blux.SharedKernel.Json;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Blux.Modules.Reg.Features.IssueToken;

internal static class IssueTokenEndpoint
{
    public static void Map(IEndpointRouteBuilder app)
    {
        foreach (var path in new[] { "/v1/tokens", "/v1/auth/token" })
        {
            app.MapPost(path, HandleAsync)
                .AllowAnonymous()
                .Accepts<TokenRequestBody>("application/json", "application/x-www-form-urlencoded")
                .Produces<IssueTokenResponse>()
                .WithTags("Reg")
                .WithSummary("Issue an ES512 access token for client credentials (JSON or form body).");
        }
    }

    private static async Task<IResult> HandleAsync(HttpRequest request, ISender sender, CancellationToken cancellationToken)
    {
        IssueTokenCommand command;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            command = new IssueTokenCommand(form["grant_type"], form["client_id"], form["client_secret"], form["scope"]);
        }
        else
        {
            var (_, body) = await JsonBody.ReadAsync<TokenRequestBody>(request.Body, cancellationToken);
            command = new IssueTokenCommand(body.GrantType, body.ClientId, body.ClientSecret, body.Scope);
        }

        return Results.Ok(await sender.Send(command, cancellationToken));
    }

    internal sealed record TokenRequestBody(string? GrantType, string? ClientId, string? ClientSecret, string? Scope);
}
