using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Mediator;

namespace Blux.Modules.Reg.Features.IssueToken;

internal sealed record IssueTokenCommand(string? GrantType, string? ClientId, string? ClientSecret, string? Scope) : IRequest<IssueTokenResponse>;

internal sealed record IssueTokenResponse(
    [property: Description("An ES512 JWT (header alg ES512, kid, typ JWT).")] string AccessToken,
    [property: AllowedValues("Bearer")] string TokenType,
    [property: Description("Seconds until the token expires.")] long ExpiresIn,
    [property: Description("The granted scopes, space-delimited.")] string Scope);
