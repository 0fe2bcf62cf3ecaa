using System.Security.Cryptography;
using Blux.Modules.Reg.Contracts;
using Blux.Modules.Reg.Domain;
using Blux.SharedKernel.Crypto;

namespace Blux.Modules.Reg.Security;

/// <summary>
/// Reg's keys in memory: the decrypted private halves of the keys that sign, and the public halves
/// of every key that still verifies. Readers take an immutable snapshot, so signing never waits on a lock.
/// </summary>
internal sealed class KeyRing : IDisposable
{
    private Snapshot _snapshot = new(new Dictionary<string, LoadedKey>(StringComparer.Ordinal));
    private byte[] _eventKey = [];

    public bool IsLoaded => _eventKey.Length > 0;

    public void Load(IEnumerable<SigningKey> keys, MasterKey masterKey, byte[] eventKey)
    {
        var loaded = new Dictionary<string, LoadedKey>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var canSign = key.Status is KeyStatus.Active or KeyStatus.Pending;
            loaded[key.KeyId] = new LoadedKey(
                new PublicSigningKey(key.KeyId, key.KeyType, key.Status, key.PublicX, key.PublicY, key.CreatedAt, key.ValidAfter, key.RetiredAt),
                key.RevokedAt,
                canSign ? masterKey.Unprotect(key.EncryptedPrivateKey) : null);
        }

        // A replaced snapshot is left to the finalizers: a signer on another thread may still hold it.
        Volatile.Write(ref _snapshot, new Snapshot(loaded));
        _eventKey = eventKey;
    }

    public byte[] EventKey => _eventKey;

    /// <summary>The key that signs now: the newest active key of the type whose <c>valid_after</c> has passed.</summary>
    public LoadedKey SigningKeyFor(string keyType, DateTimeOffset now) =>
        _snapshot.Keys.Values
            .Where(k => k.Public.KeyType == keyType && k.CanSign && k.Public.ValidAfter <= now && k.Public.Status == KeyStatus.Active)
            .OrderByDescending(k => k.Public.ValidAfter)
            .FirstOrDefault()
        ?? throw new InvalidOperationException($"No active {keyType} key.");

    public bool TryGet(string keyId, out LoadedKey key) => _snapshot.Keys.TryGetValue(keyId, out key!);

    /// <summary>Keys published in JWKS: every key that is not revoked.</summary>
    public IReadOnlyList<PublicSigningKey> PublicKeys() =>
        _snapshot.Keys.Values.Where(k => k.RevokedAt is null).Select(k => k.Public).OrderBy(k => k.CreatedAt).ToArray();

    public void Dispose() => _snapshot.Dispose();

    internal sealed class LoadedKey : IDisposable
    {
        private readonly ThreadLocal<ECDsa>? _signer;
        private readonly ThreadLocal<ECDsa> _verifier;

        public LoadedKey(PublicSigningKey publicKey, DateTimeOffset? revokedAt, byte[]? privateKey)
        {
            Public = publicKey;
            RevokedAt = revokedAt;
            var parameters = new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP521,
                Q = new ECPoint { X = Base64Url.Decode(publicKey.X), Y = Base64Url.Decode(publicKey.Y) },
            };
            _verifier = new ThreadLocal<ECDsa>(() => ECDsa.Create(parameters), trackAllValues: true);
            if (privateKey is not null)
            {
                _signer = new ThreadLocal<ECDsa>(
                    () =>
                    {
                        var ecdsa = ECDsa.Create();
                        ecdsa.ImportECPrivateKey(privateKey, out _);
                        return ecdsa;
                    },
                    trackAllValues: true);
            }
        }

        public PublicSigningKey Public { get; }

        public DateTimeOffset? RevokedAt { get; }

        public bool CanSign => _signer is not null;

        /// <summary>ES512, IEEE P1363 r||s form, as JWS uses.</summary>
        public byte[] Sign(ReadOnlySpan<byte> data) =>
            (_signer ?? throw new InvalidOperationException($"Key {Public.KeyId} cannot sign."))
            .Value!.SignData(data, HashAlgorithmName.SHA512, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

        public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
            _verifier.Value!.VerifyData(data, signature, HashAlgorithmName.SHA512, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

        public void Dispose()
        {
            foreach (var ecdsa in _verifier.Values)
            {
                ecdsa.Dispose();
            }

            _verifier.Dispose();
            if (_signer is not null)
            {
                foreach (var ecdsa in _signer.Values)
                {
                    ecdsa.Dispose();
                }

                _signer.Dispose();
            }
        }
    }

    private sealed record Snapshot(Dictionary<string, LoadedKey> Keys) : IDisposable
    {
        public void Dispose()
        {
            foreach (var key in Keys.Values)
            {
                key.Dispose();
            }
        }
    }
}
