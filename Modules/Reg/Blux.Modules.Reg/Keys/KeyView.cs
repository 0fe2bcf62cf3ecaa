using System.ComponentModel.DataAnnotations;
using Blux.Modules.Reg.Domain;
using Blux.Modules.Reg.Security;
using Blux.SharedKernel.Vocabulary;

namespace Blux.Modules.Reg.Keys;

/// <summary>
/// A signing key as <c>GET /v1/keys</c> shows it: its status at the moment of asking, its dates, and
/// until when its signatures verify. Never the private half.
/// </summary>
internal sealed record KeyView(
    string KeyId,
    [property: AllowedValues("token_signing", "audit_signing")] string KeyType,
    [property: AllowedValues("pending", "active", "retired", "revoked")] string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset ValidAfter,
    DateTimeOffset? RetiredAt,
    DateTimeOffset? RevokedAt,
    DateTimeOffset? VerifiesUntil,
    bool Published,
    string? RotationReason,
    string? RevocationReason)
{
    public static KeyView Of(KeyRing.LoadedKey key, DateTimeOffset now) => new(
        key.KeyId,
        key.KeyType,
        WireName<KeyStatus>.Of(key.StatusAt(now)),
        key.CreatedAt,
        key.ValidAfter,
        key.RetiredAtAt(now),
        key.RevokedAt,
        key.VerifiesUntil,
        key.VerifiesAt(now),
        key.RotationReason,
        key.RevocationReason);
}
