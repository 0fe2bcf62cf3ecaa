using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Blux.Modules.Reg.Contracts;
using Blux.Modules.Reg.Domain;
using Blux.SharedKernel;
using Blux.SharedKernel.Crypto;
using Blux.SharedKernel.Identity;
using Blux.SharedKernel.Json;
using Blux.SharedKernel.Vocabulary;
using Microsoft.Extensions.Options;

namespace Blux.Modules.Reg.Security;

/// <summary>
/// Issues and checks ES512 JWTs. A token that passed the full check is remembered until it expires,
/// so the hot path pays one signature verification per token, not per request. What is remembered is
/// bounded by count and by bytes (the token string is the key, about 1 KB a token and its caller).
/// </summary>
internal sealed class TokenService
{
    /// <summary>32 MiB: some 12,000 tokens of the usual size, each checked once an hour at most.</summary>
    public const long DefaultMaxRememberedBytes = 32L << 20;

    /// <summary>A remembered token beside its string: the entry, its caller with roles and scopes.</summary>
    public const long BytesPerRememberedToken = 1024;

    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);
    private const int MaxRemembered = 100_000;
    private const long MaxUnixSeconds = 253_402_300_799;
    private readonly KeyRing _keys;
    private readonly IdentityDirectory _identities;
    private readonly TimeProvider _clock;
    private readonly RegOptions _options;
    private readonly ConcurrentDictionary<string, RememberedToken> _remembered = new(StringComparer.Ordinal);
    private readonly long _maxRememberedBytes;
    private long _rememberedBytes;

    public TokenService(KeyRing keys, IdentityDirectory identities, TimeProvider clock, IOptions<RegOptions> options, long maxRememberedBytes = DefaultMaxRememberedBytes)
    {
        _keys = keys;
        _identities = identities;
        _clock = clock;
        _options = options.Value;
        _maxRememberedBytes = maxRememberedBytes;
    }

    public int RememberedCount => _remembered.Count;

    public long RememberedBytes => Interlocked.Read(ref _rememberedBytes);

    public long MaxRememberedBytes => _maxRememberedBytes;

    public TimeSpan Ttl => _options.TokenTtl;

    public IssuedToken Issue(string identityId, IdentityKind kind, IReadOnlyList<string> roles, IReadOnlyList<string> scopes)
    {
        var now = _clock.GetUtcNow();
        var key = _keys.SigningKeyFor(PublicSigningKey.TokenSigning, now);
        var issuedAt = now.ToUnixTimeSeconds();
        var expires = now.Add(_options.TokenTtl);
        var header = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>
        {
            ["alg"] = "ES512",
            ["kid"] = key.KeyId,
            ["typ"] = "JWT",
        });
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["iss"] = RegOptions.Issuer,
            ["aud"] = RegOptions.Audience,
            ["sub"] = identityId,
            ["iat"] = issuedAt,
            ["nbf"] = issuedAt,
            ["exp"] = expires.ToUnixTimeSeconds(),
            ["jti"] = BluxId.New("jti", _clock),
            ["scope"] = scopes,
            ["roles"] = roles,
            ["kind"] = WireName<IdentityKind>.Of(kind),
        });
        var signingInput = Base64Url.Encode(header) + "." + Base64Url.Encode(payload);
        var signature = key.Sign(Encoding.ASCII.GetBytes(signingInput));
        return new IssuedToken(signingInput + "." + Base64Url.Encode(signature), (long)_options.TokenTtl.TotalSeconds, scopes);
    }

    public TokenValidation Validate(string token)
    {
        var now = _clock.GetUtcNow();
        if (_remembered.TryGetValue(token, out var remembered))
        {
            return Recheck(remembered, now);
        }

        var result = FullCheck(token, now, out var keyId);
        if (result.Valid)
        {
            if (_remembered.Count >= MaxRemembered || RememberedBytes + Cost(token) > _maxRememberedBytes)
            {
                ForgetExpired(now);
            }

            if (_remembered.TryAdd(token, new RememberedToken(result, keyId!)))
            {
                Interlocked.Add(ref _rememberedBytes, Cost(token));
            }
        }

        return result;
    }

    /// <summary>Drops every remembered token, so a revocation or a disable applies to the next request.</summary>
    public void ForgetAll()
    {
        _remembered.Clear();
        Recount();
    }

    private TokenValidation Recheck(RememberedToken remembered, DateTimeOffset now)
    {
        var result = remembered.Result;
        if (result.ExpiresAt <= now - ClockSkew)
        {
            return TokenValidation.Invalid("token_expired");
        }

        if (!_identities.IsActive(result.Caller!.IdentityId))
        {
            return TokenValidation.Invalid("identity_disabled");
        }

        if (!_keys.TryGet(remembered.KeyId, out var key) || key.RevokedAt is not null)
        {
            return TokenValidation.Invalid("key_revoked");
        }

        if (!key.AcceptsTokensAt(now))
        {
            return TokenValidation.Invalid("key_retired");
        }

        return result;
    }

    private void ForgetExpired(DateTimeOffset now)
    {
        foreach (var (token, entry) in _remembered)
        {
            if (entry.Result.ExpiresAt <= now && _remembered.TryRemove(token, out _))
            {
                Interlocked.Add(ref _rememberedBytes, -Cost(token));
            }
        }

        if (_remembered.Count >= MaxRemembered || RememberedBytes >= _maxRememberedBytes)
        {
            _remembered.Clear();
            Recount();
        }
    }

    private static long Cost(string token) => BytesPerRememberedToken + (2L * token.Length);

    /// <summary>After a clear, whatever was added meanwhile is what is held.</summary>
    private void Recount() => Interlocked.Exchange(ref _rememberedBytes, _remembered.Keys.Sum(Cost));

    private TokenValidation FullCheck(string token, DateTimeOffset now, out string? keyId)
    {
        keyId = null;
        var parts = token.Split('.');
        if (parts.Length != 3 || parts.Any(string.IsNullOrEmpty)
            || !Base64Url.TryDecode(parts[0], out var headerBytes)
            || !Base64Url.TryDecode(parts[1], out var payloadBytes)
            || !Base64Url.TryDecode(parts[2], out var signature))
        {
            return TokenValidation.Invalid("malformed_token");
        }

        // Checked like any JSON from outside before a member is read: a lone surrogate in the header
        // would otherwise fail only when the member is read.
        if (StrictJson.Check(headerBytes) is not null || StrictJson.Check(payloadBytes) is not null)
        {
            return TokenValidation.Invalid("malformed_token");
        }

        var header = JsonDocument.Parse(headerBytes).RootElement;
        var payload = JsonDocument.Parse(payloadBytes).RootElement;

        if (header.ValueKind != JsonValueKind.Object || payload.ValueKind != JsonValueKind.Object)
        {
            return TokenValidation.Invalid("malformed_token");
        }

        if (StringOf(header, "alg") != "ES512" || header.TryGetProperty("crit", out _))
        {
            return TokenValidation.Invalid("unsupported_algorithm");
        }

        keyId = StringOf(header, "kid");
        if (keyId is null || !_keys.TryGet(keyId, out var key) || !key.IsTokenKey)
        {
            return TokenValidation.Invalid("unknown_kid");
        }

        if (key.RevokedAt is not null)
        {
            return TokenValidation.Invalid("key_revoked");
        }

        if (now < key.ValidAfter)
        {
            return TokenValidation.Invalid("key_not_yet_valid");
        }

        if (!key.VerifiesAt(now))
        {
            return TokenValidation.Invalid("key_retired");
        }

        var signingInput = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
        if (signature.Length != 132 || !key.Verify(signingInput, signature))
        {
            return TokenValidation.Invalid("bad_signature");
        }

        if (StringOf(payload, "iss") != RegOptions.Issuer)
        {
            return TokenValidation.Invalid("wrong_issuer");
        }

        if (!AudienceMatches(payload))
        {
            return TokenValidation.Invalid("wrong_audience");
        }

        if (!TryTime(payload, "exp", out var expiresAt) || expiresAt <= now - ClockSkew)
        {
            return TokenValidation.Invalid("token_expired");
        }

        if (TryTime(payload, "nbf", out var notBefore) && notBefore > now + ClockSkew)
        {
            return TokenValidation.Invalid("token_not_yet_valid");
        }

        var subject = StringOf(payload, "sub");
        if (subject is null)
        {
            return TokenValidation.Invalid("missing_subject");
        }

        if (!_identities.IsActive(subject))
        {
            return TokenValidation.Invalid("identity_disabled");
        }

        var caller = new Caller(subject, _identities.KindOf(subject), Strings(payload, "roles"), Strings(payload, "scope"), StringOf(payload, "jti"));
        return new TokenValidation(true, caller, expiresAt, null);
    }

    private static bool AudienceMatches(JsonElement payload)
    {
        if (!payload.TryGetProperty("aud", out var audience))
        {
            return false;
        }

        return audience.ValueKind switch
        {
            JsonValueKind.String => audience.GetString() == RegOptions.Audience,
            JsonValueKind.Array => audience.EnumerateArray().Any(a => a.ValueKind == JsonValueKind.String && a.GetString() == RegOptions.Audience),
            _ => false,
        };
    }

    private static string? StringOf(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool TryTime(JsonElement element, string name, out DateTimeOffset value)
    {
        value = default;
        if (!element.TryGetProperty(name, out var raw) || raw.ValueKind != JsonValueKind.Number || !raw.TryGetInt64(out var seconds)
            || seconds < 0 || seconds > MaxUnixSeconds)
        {
            return false;
        }

        value = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return true;
    }

    private static string[] Strings(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToArray()
            : [];

    private sealed record RememberedToken(TokenValidation Result, string KeyId);
}

internal sealed record IssuedToken(string AccessToken, long ExpiresIn, IReadOnlyList<string> Scopes);
