using System.Collections.Concurrent;
using System.Security.Cryptography;
using Blux.Modules.Reg.Contracts;
using Blux.SharedKernel.Crypto;
using Mediator;

namespace Blux.Modules.Guard.Audit;

/// <summary>
/// Public audit keys from Reg, as ECDsa verifiers, one per thread so checks can run in parallel.
/// Revoked keys stay, with the moment of their revocation: the records they signed before it are
/// still the chain.
/// </summary>
internal sealed class AuditKeyCache
{
    private readonly ConcurrentDictionary<string, AuditKey> _keys = new(StringComparer.Ordinal);

    public async ValueTask RefreshAsync(ISender sender, CancellationToken cancellationToken)
    {
        var keys = await sender.Send(new GetVerificationKeys(WithRevokedAuditKeys: true), cancellationToken);
        foreach (var key in keys.Where(k => k.KeyType == PublicSigningKey.AuditSigning))
        {
            Add(key.KeyId, key.X, key.Y, key.RevokedAt);
        }

        var published = keys.Select(k => k.KeyId).ToHashSet(StringComparer.Ordinal);
        foreach (var keyId in _keys.Keys.Where(k => !published.Contains(k)))
        {
            _keys.TryRemove(keyId, out _);
        }
    }

    public void Add(string keyId, string x, string y, DateTimeOffset? revokedAt = null) =>
        _keys.AddOrUpdate(
            keyId,
            _ => new AuditKey(Verifiers(x, y), revokedAt),
            (_, existing) => existing.RevokedAt == revokedAt ? existing : existing with { RevokedAt = revokedAt });

    public bool Knows(string keyId) => _keys.ContainsKey(keyId);

    /// <summary>When the key was revoked, or null while it is not (or is unknown).</summary>
    public DateTimeOffset? RevokedAt(string keyId) => _keys.TryGetValue(keyId, out var key) ? key.RevokedAt : null;

    /// <summary>
    /// Either S form verifies here: records written before Blux signed in the low-S form hold both,
    /// and a record's identity in the chain is its <c>record_hash</c>, which the signature does not enter.
    /// </summary>
    public bool Verify(string keyId, ReadOnlySpan<byte> data, string signature) =>
        _keys.TryGetValue(keyId, out var key)
        && SignatureFormat.TryDecode(signature, SignatureFormat.Es512Prefix, out var raw)
        && Es512.Verify(key.Verifier.Value!, data, raw) != Es512Check.Invalid;

    private static ThreadLocal<ECDsa> Verifiers(string x, string y)
    {
        var parameters = new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP521,
            Q = new ECPoint { X = Base64Url.Decode(x), Y = Base64Url.Decode(y) },
        };
        return new ThreadLocal<ECDsa>(() => ECDsa.Create(parameters));
    }

    private sealed record AuditKey(ThreadLocal<ECDsa> Verifier, DateTimeOffset? RevokedAt);
}
