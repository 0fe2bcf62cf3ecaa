using Mediator;

namespace Blux.Modules.Reg.Features.IssueToken;

internal sealed record IssueTokenCommand(string? GrantType, string? ClientId, string? ClientSecret, string? Scope) : IRequest<IssueTokenResponse>;

internal sealed record IssueTokenResponse(string AccessToken, string TokenType, long ExpiresIn, string Scope);
