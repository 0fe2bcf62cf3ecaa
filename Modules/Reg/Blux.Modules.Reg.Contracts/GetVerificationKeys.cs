using Mediator;

namespace Blux.Modules.Reg.Contracts;

/// <summary>
/// The public half of every key that still verifies (pending, active, retired). With
/// <paramref name="WithRevokedAuditKeys"/>, revoked audit keys as well, each with its
/// <c>RevokedAt</c>: what they signed before that moment is still Blux's record.
/// </summary>
public sealed record GetVerificationKeys(bool WithRevokedAuditKeys = false) : IRequest<IReadOnlyList<PublicSigningKey>>;

/// <summary>A public ES512 key as a JWK on curve P-521.</summary>
public sealed record PublicSigningKey(
    string KeyId,
    string KeyType,
    string Status,
    string X,
    string Y,
    DateTimeOffset CreatedAt,
    DateTimeOffset ValidAfter,
    DateTimeOffset? RetiredAt,
    DateTimeOffset? RevokedAt = null)
{
    public const string TokenSigning = "token_signing";
    public const string AuditSigning = "audit_signing";

    public IReadOnlyDictionary<string, string> ToJwk() => new Dictionary<string, string>
    {
        ["kty"] = "EC",
        ["crv"] = "P-521",
        ["x"] = X,
        ["y"] = Y,
        ["kid"] = KeyId,
        ["alg"] = "ES512",
        ["use"] = "sig",
    };
}
