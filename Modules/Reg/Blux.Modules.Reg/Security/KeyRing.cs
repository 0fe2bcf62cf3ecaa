using System.Security.Cryptography;
using Blux.Modules.Reg.Contracts;
using Blux.Modules.Reg.Domain;
using Blux.SharedKernel.Crypto;
using Blux.SharedKernel.Vocabulary;
using Microsoft.Extensions.Options;

namespace Blux.Modules.Reg.Security;

/// <summary>
/// Reg's keys in memory: the decrypted private halves of the keys that may sign, and the public halves
/// of every key. Readers take an immutable snapshot, so signing never waits on a lock. A key's status
/// is worked out at the moment of use from the stored facts and the time (a pending key signs from its
/// <c>valid_after</c> on, and the key it replaces retires then), so no timer has to fire for a
/// rotation to take effect.
/// </summary>
internal sealed class KeyRing
{
    /// <summary>
    /// How long a key that has just been replaced may still sign a batch that named it, so a signer
    /// racing a rotation is not refused. Its signatures verify forever (audit) or until
    /// retirement + TTL (tokens), so nothing it signs in that minute is lost.
    /// </summary>
    public static readonly TimeSpan SigningGrace = TimeSpan.FromMinutes(1);

    private readonly object _reloadLock = new();
    private Snapshot _snapshot = Snapshot.Empty;
    private byte[] _eventKey = [];

    public KeyRing(IOptions<RegOptions> options) => TokenTtl = options.Value.TokenTtl;

    public TimeSpan TokenTtl { get; }

    public bool IsLoaded => _eventKey.Length > 0;

    public byte[] EventKey => _eventKey;

    public void Load(IEnumerable<SigningKey> keys, MasterKey masterKey, byte[] eventKey)
    {
        Reload(keys, masterKey);
        _eventKey = eventKey;
    }

    /// <summary>
    /// Replaces the snapshot after a change is committed. Key material already in memory is reused,
    /// and nothing is disposed: a thread may still be signing or verifying with the old snapshot, and
    /// what it holds is reclaimed by the finalizers once nobody does.
    /// </summary>
    public void Reload(IEnumerable<SigningKey> keys, MasterKey masterKey)
    {
        lock (_reloadLock)
        {
            var previous = Volatile.Read(ref _snapshot);
            var rows = keys.ToList();
            var successors = SuccessorsOf(rows);
            var loaded = new Dictionary<string, LoadedKey>(StringComparer.Ordinal);
            foreach (var row in rows)
            {
                var mayHoldPrivateHalf = row.RevokedAt is null && row.Status is KeyStatus.Pending or KeyStatus.Active;
                KeyMaterial material;
                if (previous.Keys.TryGetValue(row.KeyId, out var existing))
                {
                    material = mayHoldPrivateHalf || !existing.Material.CanSign ? existing.Material : existing.Material.WithoutSigner();
                    if (mayHoldPrivateHalf && !material.CanSign)
                    {
                        material = KeyMaterial.Create(row.PublicX, row.PublicY, masterKey.Unprotect(row.EncryptedPrivateKey));
                    }
                }
                else
                {
                    material = KeyMaterial.Create(row.PublicX, row.PublicY, mayHoldPrivateHalf ? masterKey.Unprotect(row.EncryptedPrivateKey) : null);
                }

                DateTimeOffset? successorValidAfter = successors.TryGetValue(row.KeyId, out var next) ? next : null;
                loaded[row.KeyId] = new LoadedKey(row, successorValidAfter, TokenTtl, material);
            }

            Volatile.Write(ref _snapshot, new Snapshot(loaded));
        }
    }

    /// <summary>The key that signs now: of the keys of the type that may sign, the one with the latest <c>valid_after</c> that has passed.</summary>
    public LoadedKey SigningKeyFor(string keyType, DateTimeOffset now) =>
        TrySigningKeyFor(keyType, now) ?? throw new InvalidOperationException($"No active {keyType} key.");

    public LoadedKey? TrySigningKeyFor(string keyType, DateTimeOffset now)
    {
        var signers = Volatile.Read(ref _snapshot).SignersOf(keyType);
        for (var i = signers.Length - 1; i >= 0; i--)
        {
            if (signers[i].ValidAfter <= now)
            {
                return signers[i];
            }
        }

        return null;
    }

    public bool TryGet(string keyId, out LoadedKey key) => Volatile.Read(ref _snapshot).Keys.TryGetValue(keyId, out key!);

    /// <summary>Every key, whatever its status, oldest first.</summary>
    public IReadOnlyList<LoadedKey> All() =>
        Volatile.Read(ref _snapshot).Keys.Values.OrderBy(k => k.CreatedAt).ThenBy(k => k.KeyId, StringComparer.Ordinal).ToArray();

    /// <summary>Keys published in JWKS: every key that still verifies at <paramref name="now"/> (pending, active, retired; not revoked).</summary>
    public IReadOnlyList<PublicSigningKey> PublicKeys(DateTimeOffset now) =>
        All().Where(k => k.VerifiesAt(now)).Select(k => k.PublicAt(now)).ToArray();

    /// <summary>
    /// <see cref="PublicKeys"/> and the revoked audit keys: an audit record signed before its key was
    /// revoked stays part of the chain, and its verifier needs the key and the time of the revocation.
    /// </summary>
    public IReadOnlyList<PublicSigningKey> AuditVerificationKeys(DateTimeOffset now) =>
        All().Where(k => k.VerifiesAt(now) || (k.RevokedAt is not null && !k.IsTokenKey)).Select(k => k.PublicAt(now)).ToArray();

    /// <summary>
    /// The key that follows each key in its type's signing order (pending and active keys that are not
    /// revoked, by <c>valid_after</c>): its <c>valid_after</c> is when the earlier key retires.
    /// </summary>
    private static Dictionary<string, DateTimeOffset> SuccessorsOf(List<SigningKey> rows)
    {
        var successors = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var group in rows.Where(SignsInOrder).GroupBy(r => r.KeyType, StringComparer.Ordinal))
        {
            var ordered = group.OrderBy(r => r.ValidAfter).ThenBy(r => r.CreatedAt).ThenBy(r => r.KeyId, StringComparer.Ordinal).ToArray();
            for (var i = 0; i + 1 < ordered.Length; i++)
            {
                successors[ordered[i].KeyId] = ordered[i + 1].ValidAfter;
            }
        }

        return successors;
    }

    private static bool SignsInOrder(SigningKey row) => row.RevokedAt is null && row.Status is KeyStatus.Pending or KeyStatus.Active;

    internal sealed class LoadedKey
    {
        private readonly KeyStatus _storedStatus;
        private readonly DateTimeOffset? _storedRetiredAt;
        private readonly DateTimeOffset? _successorValidAfter;
        private readonly TimeSpan _tokenTtl;

        public LoadedKey(SigningKey row, DateTimeOffset? successorValidAfter, TimeSpan tokenTtl, KeyMaterial material)
        {
            KeyId = row.KeyId;
            KeyType = row.KeyType;
            X = row.PublicX;
            Y = row.PublicY;
            CreatedAt = row.CreatedAt;
            ValidAfter = row.ValidAfter;
            RevokedAt = row.RevokedAt;
            RotationReason = row.RotationReason;
            RevocationReason = row.RevocationReason;
            _storedStatus = row.Status;
            _storedRetiredAt = row.RetiredAt;
            _successorValidAfter = successorValidAfter;
            _tokenTtl = tokenTtl;
            Material = material;
            InSigningOrder = SignsInOrder(row);
        }

        public string KeyId { get; }

        public string KeyType { get; }

        public string X { get; }

        public string Y { get; }

        public DateTimeOffset CreatedAt { get; }

        public DateTimeOffset ValidAfter { get; }

        public DateTimeOffset? RevokedAt { get; }

        public string? RotationReason { get; }

        public string? RevocationReason { get; }

        public KeyMaterial Material { get; }

        internal bool InSigningOrder { get; }

        public bool IsTokenKey => KeyType == PublicSigningKey.TokenSigning;

        /// <summary>When the key stops (or stopped) signing: its successor's <c>valid_after</c>, or the stored retirement.</summary>
        public DateTimeOffset? RetiresAt => _storedRetiredAt ?? _successorValidAfter;

        /// <summary>The last instant the key verifies: token keys until retirement + TTL; audit keys forever; revoked keys never.</summary>
        public DateTimeOffset? VerifiesUntil =>
            RevokedAt is { } revokedAt ? revokedAt
            : IsTokenKey && RetiresAt is { } retiresAt ? retiresAt + _tokenTtl
            : null;

        public KeyStatus StatusAt(DateTimeOffset now) =>
            RevokedAt is not null ? KeyStatus.Revoked
            : _storedStatus == KeyStatus.Retired ? KeyStatus.Retired
            : now < ValidAfter ? KeyStatus.Pending
            : _successorValidAfter is { } next && next <= now ? KeyStatus.Retired
            : KeyStatus.Active;

        public DateTimeOffset? RetiredAtAt(DateTimeOffset now) => RetiresAt is { } retiresAt && retiresAt <= now ? retiresAt : null;

        /// <summary>Whether signatures by this key are still trusted: not revoked, and a token key not past retirement + TTL.</summary>
        public bool VerifiesAt(DateTimeOffset now) => RevokedAt is null && (VerifiesUntil is not { } until || now <= until);

        /// <summary>Whether a token signed by this key can be accepted now: a token key that verifies and is no longer pending.</summary>
        public bool AcceptsTokensAt(DateTimeOffset now) => IsTokenKey && now >= ValidAfter && VerifiesAt(now);

        /// <summary>Whether a signer that named this key may still use it: it signs now, or stopped less than <see cref="SigningGrace"/> ago.</summary>
        public bool MaySignAt(DateTimeOffset now) =>
            Material.CanSign && RevokedAt is null && InSigningOrder && now >= ValidAfter
            && (_successorValidAfter is not { } next || now < next + SigningGrace);

        public PublicSigningKey PublicAt(DateTimeOffset now) =>
            new(KeyId, KeyType, WireName<KeyStatus>.Of(StatusAt(now)), X, Y, CreatedAt, ValidAfter, RetiredAtAt(now), RevokedAt);

        /// <summary>ES512, IEEE P1363 r||s form, as JWS uses.</summary>
        public byte[] Sign(ReadOnlySpan<byte> data) => Material.Sign(KeyId, data);

        public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) => Material.Verify(data, signature);
    }

    /// <summary>The ECDsa objects of one key, one per thread, kept across reloads.</summary>
    internal sealed class KeyMaterial
    {
        private readonly ThreadLocal<ECDsa>? _signer;
        private readonly ThreadLocal<ECDsa> _verifier;

        private KeyMaterial(ThreadLocal<ECDsa> verifier, ThreadLocal<ECDsa>? signer)
        {
            _verifier = verifier;
            _signer = signer;
        }

        public bool CanSign => _signer is not null;

        public static KeyMaterial Create(string x, string y, byte[]? privateKey)
        {
            var parameters = new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP521,
                Q = new ECPoint { X = SharedKernel.Crypto.Base64Url.Decode(x), Y = SharedKernel.Crypto.Base64Url.Decode(y) },
            };
            var verifier = new ThreadLocal<ECDsa>(() => ECDsa.Create(parameters));
            ThreadLocal<ECDsa>? signer = null;
            if (privateKey is not null)
            {
                signer = new ThreadLocal<ECDsa>(() =>
                {
                    var ecdsa = ECDsa.Create();
                    ecdsa.ImportECPrivateKey(privateKey, out _);
                    return ecdsa;
                });
            }

            return new KeyMaterial(verifier, signer);
        }

        /// <summary>The same verifiers without the private half, for a key that may no longer sign.</summary>
        public KeyMaterial WithoutSigner() => new(_verifier, null);

        /// <summary>Tokens, audit records and checkpoints alike are signed in the low-S form.</summary>
        public byte[] Sign(string keyId, ReadOnlySpan<byte> data) =>
            Es512.Sign((_signer ?? throw new InvalidOperationException($"Key {keyId} cannot sign.")).Value!, data);

        /// <summary>Only the low-S form verifies: its high-S twin would be a second token for the same claims.</summary>
        public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
            Es512.Verify(_verifier.Value!, data, signature) == Es512Check.Valid;
    }

    private sealed class Snapshot
    {
        public static readonly Snapshot Empty = new(new Dictionary<string, LoadedKey>(StringComparer.Ordinal));

        private readonly Dictionary<string, LoadedKey[]> _signers;

        public Snapshot(Dictionary<string, LoadedKey> keys)
        {
            Keys = keys;
            _signers = keys.Values
                .Where(k => k.InSigningOrder && k.Material.CanSign)
                .GroupBy(k => k.KeyType, StringComparer.Ordinal)
                .ToDictionary(
                    g => g.Key,
                    g => g.OrderBy(k => k.ValidAfter).ThenBy(k => k.CreatedAt).ThenBy(k => k.KeyId, StringComparer.Ordinal).ToArray(),
                    StringComparer.Ordinal);
        }

        public Dictionary<string, LoadedKey> Keys { get; }

        public LoadedKey[] SignersOf(string keyType) => _signers.TryGetValue(keyType, out var signers) ? signers : [];
    }
}
