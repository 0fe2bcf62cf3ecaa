using System.ComponentModel.DataAnnotations;
using Blux.Modules.Reg.Domain;
using Blux.Modules.Reg.Security;
using Blux.SharedKernel.Vocabulary;

namespace Blux.Modules.Reg.Features.GetIdentity;

/// <summary>An identity as clients see it: never its secret or the secret's hash.</summary>
internal sealed record IdentityView(
    string Id,
    [property: AllowedValues("user", "service")] string Kind,
    string DisplayName,
    IReadOnlyList<string> Roles,
    [property: AllowedValues("active", "disabled")] string Status,
    DateTimeOffset CreatedAt,
    IReadOnlyList<RequestKeyView> Keys)
{
    public static IdentityView Of(RegisteredIdentity identity, IEnumerable<RequestSigningKey> keys) => new(
        identity.Id,
        WireName<IdentityKind>.Of(identity.Kind),
        identity.DisplayName,
        identity.Roles,
        WireName<IdentityStatus>.Of(identity.Status),
        identity.CreatedAt,
        keys.OrderBy(k => k.Kid, StringComparer.Ordinal).Select(RequestKeyView.Of).ToArray());
}

/// <summary>A registered request-signing key: its <c>kid</c> and public JWK.</summary>
internal sealed record RequestKeyView(string Kid, IReadOnlyDictionary<string, string> Jwk, DateTimeOffset CreatedAt)
{
    public static RequestKeyView Of(RequestSigningKey key) => new(key.Kid, PublicJwk.ToJwk(key.Kid, key.X, key.Y), key.CreatedAt);
}
