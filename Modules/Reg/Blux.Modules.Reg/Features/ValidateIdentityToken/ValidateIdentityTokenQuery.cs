using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Mediator;

namespace Blux.Modules.Reg.Features.ValidateIdentityToken;

internal sealed record ValidateIdentityTokenQuery(string? Token, IReadOnlyList<string?>? RequiredScope) : IRequest<TokenCheck>;

/// <summary>The answer of <c>POST /v1/identities/validate</c>; <c>reason</c> says why a token is not valid.</summary>
internal sealed record TokenCheck(bool Valid, TokenIdentity? Identity, IReadOnlyList<string> Scopes, DateTimeOffset? ExpiresAt, [property: Description("Why the token is not valid, or which scope it lacks; null when valid.")] string? Reason);

internal sealed record TokenIdentity(string Id, [property: AllowedValues("user", "service")] string Kind, IReadOnlyList<string> Roles);
