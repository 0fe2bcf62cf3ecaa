using System.Collections.Concurrent;
using System.Security.Cryptography;
using Blux.Modules.Reg.Contracts;
using Blux.SharedKernel.Crypto;
using Mediator;

namespace Blux.Modules.Guard.Audit;

/// <summary>Public audit keys from Reg, as ECDsa verifiers, one per thread so checks can run in parallel.</summary>
internal sealed class AuditKeyCache
{
    private readonly ConcurrentDictionary<string, ThreadLocal<ECDsa>> _verifiers = new(StringComparer.Ordinal);

    public async ValueTask RefreshAsync(ISender sender, CancellationToken cancellationToken)
    {
        var keys = await sender.Send(new GetVerificationKeys(), cancellationToken);
        foreach (var key in keys.Where(k => k.KeyType == PublicSigningKey.AuditSigning))
        {
            Add(key.KeyId, key.X, key.Y);
        }

        var published = keys.Select(k => k.KeyId).ToHashSet(StringComparer.Ordinal);
        foreach (var keyId in _verifiers.Keys.Where(k => !published.Contains(k)))
        {
            _verifiers.TryRemove(keyId, out _);
        }
    }

    public void Add(string keyId, string x, string y) =>
        _verifiers.GetOrAdd(keyId, _ =>
        {
            var parameters = new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP521,
                Q = new ECPoint { X = Base64Url.Decode(x), Y = Base64Url.Decode(y) },
            };
            return new ThreadLocal<ECDsa>(() => ECDsa.Create(parameters));
        });

    public bool Knows(string keyId) => _verifiers.ContainsKey(keyId);

    /// <summary>
    /// Either S form verifies here: records written before Blux signed in the low-S form hold both,
    /// and a record's identity in the chain is its <c>record_hash</c>, which the signature does not enter.
    /// </summary>
    public bool Verify(string keyId, ReadOnlySpan<byte> data, string signature) =>
        _verifiers.TryGetValue(keyId, out var verifier)
        && SignatureFormat.TryDecode(signature, SignatureFormat.Es512Prefix, out var raw)
        && Es512.Verify(verifier.Value!, data, raw) != Es512Check.Invalid;
}
