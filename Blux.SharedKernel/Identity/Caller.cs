using System.Security.Claims;
using Blux.SharedKernel.Errors;
using Microsoft.AspNetCore.Http;

namespace Blux.SharedKernel.Identity;

/// <summary>The authenticated identity behind a request, as Reg vouched for it.</summary>
public sealed record Caller(string IdentityId, string Kind, IReadOnlyList<string> Roles, IReadOnlyList<string> Scopes, string? TokenId)
{
    public const string IdentityClaim = "sub";
    public const string KindClaim = "blux_kind";
    public const string RoleClaim = "role";
    public const string ScopeClaim = "scope";
    public const string TokenIdClaim = "jti";

    public static readonly Caller System = new("system", "service", ["system"], [], null);

    /// <summary>The audit form of an identity: <c>user:alice</c>, <c>service:ingest</c>.</summary>
    public string AuditName => IdentityId == "system" ? "system" : $"{Kind}:{IdentityId}";

    public bool HasScope(string scope) => Scopes.Contains(scope, StringComparer.Ordinal);

    public static Caller? FromPrincipal(ClaimsPrincipal principal)
    {
        var id = principal.FindFirst(IdentityClaim)?.Value;
        if (id is null)
        {
            return null;
        }

        return new Caller(
            id,
            principal.FindFirst(KindClaim)?.Value ?? "user",
            principal.FindAll(RoleClaim).Select(c => c.Value).ToArray(),
            principal.FindAll(ScopeClaim).Select(c => c.Value).ToArray(),
            principal.FindFirst(TokenIdClaim)?.Value);
    }

    /// <summary>The caller of an endpoint that requires authorization; 401 if the request carries none.</summary>
    public static Caller Require(ClaimsPrincipal principal) =>
        FromPrincipal(principal) ?? throw BluxException.Unauthorized("missing_token", "A bearer token is required.");

    /// <summary>
    /// Binds an endpoint parameter (or a member of an <c>[AsParameters]</c> request) of this type to the
    /// request's caller, so a query record can carry who asks; 401 if the request carries none.
    /// </summary>
    public static ValueTask<Caller?> BindAsync(HttpContext context) => ValueTask.FromResult<Caller?>(Require(context.User));

    public ClaimsPrincipal ToPrincipal(string authenticationType)
    {
        var claims = new List<Claim> { new(IdentityClaim, IdentityId), new(KindClaim, Kind) };
        claims.AddRange(Roles.Select(r => new Claim(RoleClaim, r)));
        claims.AddRange(Scopes.Select(s => new Claim(ScopeClaim, s)));
        if (TokenId is not null)
        {
            claims.Add(new Claim(TokenIdClaim, TokenId));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, IdentityClaim, RoleClaim));
    }
}
