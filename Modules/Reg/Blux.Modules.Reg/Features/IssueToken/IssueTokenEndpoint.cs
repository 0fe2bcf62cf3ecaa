using Blux.SharedKernel.Errors;
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
            var form = await ReadFormAsync(request, cancellationToken);
            command = new IssueTokenCommand(form["grant_type"], form["client_id"], form["client_secret"], form["scope"]);
        }
        else
        {
            var (_, body) = await JsonBody.ReadAsync<TokenRequestBody>(request.Body, cancellationToken);
            command = new IssueTokenCommand(body.GrantType, body.ClientId, body.ClientSecret, body.Scope);
        }

        return Results.Ok(await sender.Send(command, cancellationToken));
    }

    /// <summary>
    /// The form reader refuses what it cannot read (a key over 2,048 characters, over 1,024 values, a
    /// multipart body without its boundary) by throwing; that is the client's mistake, not Blux's.
    /// </summary>
    private static async Task<IFormCollection> ReadFormAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await request.ReadFormAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is InvalidDataException || (exception is IOException and not BadHttpRequestException && !cancellationToken.IsCancellationRequested))
        {
            throw BluxException.Validation("body", "malformed_form", "The form body could not be read: keys of at most 2,048 characters, at most 1,024 values.");
        }
    }

    internal sealed record TokenRequestBody(string? GrantType, string? ClientId, string? ClientSecret, string? Scope);
}
