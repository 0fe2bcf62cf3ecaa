using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Blux.SharedKernel.Api;
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
            var alias = path != "/v1/tokens";
            app.MapPost(path, HandleAsync)
                .AllowAnonymous()
                .Accepts<TokenRequestBody>("application/json", "application/x-www-form-urlencoded")
                .Produces<IssueTokenResponse>()
                .Produces<ErrorEnvelope>(StatusCodes.Status401Unauthorized)
                .WithMetadata(
                    new ApiBasicAuthentication("client_secret_basic (RFC 6749 §2.3.1): Basic base64(urlencode(client_id) \":\" urlencode(client_secret)), instead of the id and secret in the body."),
                    new ApiExample("client_credentials", "Client credentials in the body (client_secret_post)", """{"grant_type":"client_credentials","client_id":"admin","client_secret":"<the secret from data/bootstrap-admin.json>","scope":"tasks:read tasks:write"}"""))
                .WithName(alias ? "tokens_issue_alias" : "tokens_issue")
                .WithTags("Reg")
                .WithSummary(alias ? "Issue an access token (alias of POST /v1/tokens)" : "Issue an access token")
                .WithDescription("Issue an ES512 access token for client credentials: grant_type client_credentials, with client_id and client_secret in the body (JSON or form, client_secret_post) or in an HTTP Basic Authorization header (client_secret_basic), not both. Bad credentials are 401, audited as auth.failed.");
        }
    }

    private static async Task<IResult> HandleAsync(HttpRequest request, ISender sender, CancellationToken cancellationToken)
    {
        var basic = BasicClientCredentials.Read(request);
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

        if (basic is { } credentials)
        {
            // RFC 6749 §2.3: one way of authenticating the client per request.
            if (command.ClientSecret is not null)
            {
                throw BluxException.Validation("client_secret", "multiple_client_authentication", "Send the client's credentials once: in the Authorization header or in the body, not both.");
            }

            if (command.ClientId is not null && command.ClientId != credentials.ClientId)
            {
                throw BluxException.Validation("client_id", "multiple_client_authentication", "The body's client_id differs from the one in the Authorization header.");
            }

            command = command with { ClientId = credentials.ClientId, ClientSecret = credentials.ClientSecret };
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

    [RequestSchema]
    internal sealed record TokenRequestBody(
        [property: Required, AllowedValues("client_credentials")] string? GrantType,
        [property: Description("The identity's id; may instead come with the secret in an HTTP Basic Authorization header.")] string? ClientId,
        [property: Description("The identity's secret; may instead come in an HTTP Basic Authorization header.")] string? ClientSecret,
        [property: Description("Space-delimited scopes to ask for, a subset of the identity's; all of them when left out.")] string? Scope);
}
