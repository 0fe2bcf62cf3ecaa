using Mediator;

namespace Blux.Modules.Reg.Features.ValidateIdentityToken;

internal sealed record ValidateIdentityTokenQuery(string? Token, IReadOnlyList<string?>? RequiredScope) : IRequest<TokenCheck>;

/// <summary>The answer of <c>POST /v1/identities/validate</c>; <c>reason</c> says why a token is not valid.</summary>
internal sealed record TokenCheck(bool Valid, TokenIdentity? Identity, IReadOnlyList<string> Scopes, DateTimeOffset? ExpiresAt, string? Reason);

internal sealed record TokenIdentity(string Id, string Kind, IReadOnlyList<string> Roles);
