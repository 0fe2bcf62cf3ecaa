using Blux.Modules.Reg;
using Blux.Modules.Reg.Contracts;
using Blux.Modules.Reg.Domain;
using Blux.Modules.Reg.Security;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Blux.UnitTests.Reg;

/// <summary>The remembered-token path re-checks what can change while a token lives: expiry, identity, key.</summary>
public sealed class TokenServiceTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "blux-unit-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly MasterKey _masterKey;
    private readonly KeyRing _ring;
    private readonly IdentityDirectory _identities = new();
    private readonly TokenService _tokens;
    private readonly SigningKey _tokenKey;

    public TokenServiceTests()
    {
        var options = Options.Create(new RegOptions { DataPath = ".", MasterKeyPath = "unused" });
        _masterKey = MasterKey.LoadOrCreate(Path.Combine(_directory, "master.key"));
        _ring = new KeyRing(options);
        _tokenKey = SigningKeyFactory.Create(PublicSigningKey.TokenSigning, KeyStatus.Active, _clock.GetUtcNow(), _clock.GetUtcNow(), _masterKey, _clock);
        _ring.Load([_tokenKey], _masterKey, [1]);
        _identities.Set("svc_a", IdentityKind.Service, IdentityStatus.Active);
        _tokens = new TokenService(_ring, _identities, _clock, options);
    }

    [Fact]
    public void An_issued_token_validates_first_and_remembered_with_the_same_caller()
    {
        var token = _tokens.Issue("svc_a", IdentityKind.Service, ["service"], ["tasks:read"]).AccessToken;

        var first = _tokens.Validate(token);
        var remembered = _tokens.Validate(token);

        first.Valid.Should().BeTrue(first.Reason);
        first.Caller!.IdentityId.Should().Be("svc_a");
        first.Caller.Scopes.Should().Equal("tasks:read");
        first.ExpiresAt.Should().Be(_clock.GetUtcNow().AddHours(1));
        remembered.Should().BeSameAs(first);
    }

    [Fact]
    public void A_remembered_token_fails_once_its_identity_is_disabled()
    {
        var token = _tokens.Issue("svc_a", IdentityKind.Service, ["service"], ["tasks:read"]).AccessToken;
        _tokens.Validate(token).Valid.Should().BeTrue();

        _identities.Set("svc_a", IdentityKind.Service, IdentityStatus.Disabled);

        _tokens.Validate(token).Reason.Should().Be("identity_disabled");
    }

    [Fact]
    public void A_remembered_token_fails_once_its_key_is_revoked_even_without_forgetting()
    {
        var token = _tokens.Issue("svc_a", IdentityKind.Service, ["service"], ["tasks:read"]).AccessToken;
        _tokens.Validate(token).Valid.Should().BeTrue();

        _tokenKey.Status = KeyStatus.Revoked;
        _tokenKey.RevokedAt = _clock.GetUtcNow();
        var replacement = SigningKeyFactory.Create(PublicSigningKey.TokenSigning, KeyStatus.Active, _clock.GetUtcNow(), _clock.GetUtcNow(), _masterKey, _clock);
        _ring.Reload([_tokenKey, replacement], _masterKey);

        _tokens.Validate(token).Reason.Should().Be("key_revoked");
        _tokens.Validate(_tokens.Issue("svc_a", IdentityKind.Service, ["service"], ["tasks:read"]).AccessToken).Valid.Should().BeTrue();
    }

    [Fact]
    public void A_remembered_token_expires_with_the_clock_after_the_skew()
    {
        var token = _tokens.Issue("svc_a", IdentityKind.Service, ["service"], ["tasks:read"]).AccessToken;
        _tokens.Validate(token).Valid.Should().BeTrue();

        _clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(29));
        _tokens.Validate(token).Valid.Should().BeTrue("30 s of clock skew are allowed");
        _clock.Advance(TimeSpan.FromSeconds(1));

        _tokens.Validate(token).Reason.Should().Be("token_expired");
    }

    [Fact]
    public void A_token_naming_a_pending_key_is_not_valid_yet()
    {
        var pending = SigningKeyFactory.Create(PublicSigningKey.TokenSigning, KeyStatus.Pending, _clock.GetUtcNow(), _clock.GetUtcNow().AddMinutes(5), _masterKey, _clock);
        _ring.Reload([_tokenKey, pending], _masterKey);
        _ring.TryGet(pending.KeyId, out var pendingKey);
        var token = _tokens.Issue("svc_a", IdentityKind.Service, ["service"], ["tasks:read"]).AccessToken;
        var parts = token.Split('.');
        var header = Blux.SharedKernel.Crypto.Base64Url.Encode(System.Text.Encoding.UTF8.GetBytes($"{{\"alg\":\"ES512\",\"kid\":\"{pending.KeyId}\",\"typ\":\"JWT\"}}"));
        var input = header + "." + parts[1];
        var forged = input + "." + Blux.SharedKernel.Crypto.Base64Url.Encode(pendingKey.Sign(System.Text.Encoding.ASCII.GetBytes(input)));

        _tokens.Validate(forged).Reason.Should().Be("key_not_yet_valid");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp directory cleanup.
        }
    }

    [Fact]
    public void Remembered_tokens_stay_within_their_bytes_and_a_forgotten_token_is_checked_in_full_again()
    {
        var tokens = Enumerable.Range(0, 6).Select(_ => _tokens.Issue("svc_a", IdentityKind.Service, ["service"], ["tasks:read"]).AccessToken).ToArray();
        var budget = 3 * (TokenService.BytesPerRememberedToken + (2L * tokens[0].Length));
        var bounded = new TokenService(_ring, _identities, _clock, Options.Create(new RegOptions { DataPath = ".", MasterKeyPath = "unused" }), budget);

        foreach (var token in tokens)
        {
            bounded.Validate(token).Valid.Should().BeTrue();
            bounded.RememberedBytes.Should().BeLessThanOrEqualTo(budget);
        }

        bounded.RememberedCount.Should().BeInRange(1, 3);
        bounded.RememberedBytes.Should().Be(bounded.RememberedCount * (TokenService.BytesPerRememberedToken + (2L * tokens[0].Length)));
        bounded.Validate(tokens[0]).Valid.Should().BeTrue("a token no longer remembered is verified again, not refused");
        bounded.ForgetAll();
        bounded.RememberedBytes.Should().Be(0);
    }
}
