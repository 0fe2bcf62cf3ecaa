using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Blux.IntegrationTests.Infrastructure;
using Blux.SharedKernel.Crypto;

namespace Blux.IntegrationTests.Reg;

/// <summary>
/// Tokens an attacker would try, one test each: every one is refused with 401 naming the reason, and
/// the refusal is an audited <c>auth.failed</c> record. (A disabled identity's token:
/// <see cref="IdentityTests.Disabling_an_identity_refuses_its_live_token_at_once_and_any_new_one"/>.)
/// </summary>
public sealed class HostileTokenTests : IClassFixture<BluxFactory>
{
    private const string Target = "/v1/keys";
    private readonly BluxFactory _factory;

    public HostileTokenTests(BluxFactory factory) => _factory = factory;

    [Fact]
    public async Task Control_a_token_forged_with_the_stolen_key_and_right_claims_is_accepted()
    {
        var (kid, key) = Steal();

        var token = ForgedTokens.SignEs512(key, ForgedTokens.Header("ES512", kid), ForgedTokens.AdminClaims(DateTimeOffset.UtcNow));

        using var client = _factory.BearerClient(token);
        (await client.GetAsync(Target)).StatusCode.Should().Be(HttpStatusCode.OK, "the forging itself is sound, so each refusal below is due to the one thing changed");
    }

    [Theory]
    [InlineData("")]
    [InlineData("c2lnbmF0dXJl")]
    public async Task Alg_none_is_refused(string signature)
    {
        var kid = RegApi.KidOf(await _factory.AdminTokenAsync());
        var token = ForgedTokens.SigningInput(ForgedTokens.Header("none", kid), ForgedTokens.AdminClaims(DateTimeOffset.UtcNow)) + "." + signature;

        await RefusedAsync(token, signature.Length == 0 ? "malformed_token" : "unsupported_algorithm");
    }

    [Fact]
    public async Task Hs512_signed_with_the_public_key_is_refused()
    {
        var jwks = await _factory.JwksAsync();
        var kid = RegApi.KidOf(await _factory.AdminTokenAsync());
        var jwk = jwks["keys"]!.AsArray().Single(k => k!["kid"]!.GetValue<string>() == kid)!;
        using var publicKey = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP521,
            Q = new ECPoint { X = Base64Url.Decode(jwk["x"]!.GetValue<string>()), Y = Base64Url.Decode(jwk["y"]!.GetValue<string>()) },
        });

        var token = ForgedTokens.SignHs512(Encoding.ASCII.GetBytes(publicKey.ExportSubjectPublicKeyInfoPem()), ForgedTokens.Header("HS512", kid), ForgedTokens.AdminClaims(DateTimeOffset.UtcNow));

        await RefusedAsync(token, "unsupported_algorithm");
    }

    [Fact]
    public async Task Wrong_issuer_is_refused()
    {
        var (kid, key) = Steal();
        var claims = ForgedTokens.AdminClaims(DateTimeOffset.UtcNow);
        claims["iss"] = "blux-reg.evil.example";

        await RefusedAsync(ForgedTokens.SignEs512(key, ForgedTokens.Header("ES512", kid), claims), "wrong_issuer");
    }

    [Theory]
    [InlineData("\"another-ecosystem\"")]
    [InlineData("[\"another-ecosystem\"]")]
    [InlineData("null")]
    public async Task Wrong_audience_is_refused(string audience)
    {
        var (kid, key) = Steal();
        var claims = ForgedTokens.AdminClaims(DateTimeOffset.UtcNow);
        claims["aud"] = JsonNode.Parse(audience);

        await RefusedAsync(ForgedTokens.SignEs512(key, ForgedTokens.Header("ES512", kid), claims), "wrong_audience");
    }

    [Fact]
    public async Task Not_before_in_the_future_is_refused()
    {
        var (kid, key) = Steal();
        var claims = ForgedTokens.AdminClaims(DateTimeOffset.UtcNow);
        claims["nbf"] = DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds();

        await RefusedAsync(ForgedTokens.SignEs512(key, ForgedTokens.Header("ES512", kid), claims), "token_not_yet_valid");
    }

    [Fact]
    public async Task Expired_token_is_refused()
    {
        using var host = new FakeClockBlux();
        var token = await host.AdminTokenAsync();
        using var holder = host.Factory.BearerClient(token);
        (await holder.GetAsync(Target)).StatusCode.Should().Be(HttpStatusCode.OK);

        host.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        var response = await holder.GetAsync(Target);

        var error = await response.ShouldFailAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED", null, "token_expired");
        var record = await host.AuditRecordAsync(error["audit_id"]!.GetValue<string>());
        record["operation"]!.GetValue<string>().Should().Be("auth.failed");
        record["data"]!["reason"]!.GetValue<string>().Should().Be("token_expired");
    }

    [Fact]
    public async Task Unknown_kid_is_refused()
    {
        using var attackerKey = ECDsa.Create(ECCurve.NamedCurves.nistP521);

        var token = ForgedTokens.SignEs512(attackerKey, ForgedTokens.Header("ES512", "key_0000000000000000000000000000attk"), ForgedTokens.AdminClaims(DateTimeOffset.UtcNow));

        await RefusedAsync(token, "unknown_kid");
    }

    [Fact]
    public async Task A_token_signed_with_the_audit_key_is_refused()
    {
        var (kid, key) = Steal("audit_signing");

        await RefusedAsync(ForgedTokens.SignEs512(key, ForgedTokens.Header("ES512", kid), ForgedTokens.AdminClaims(DateTimeOffset.UtcNow)), "unknown_kid");
    }

    [Fact]
    public async Task Tampered_payload_is_refused()
    {
        var parts = (await _factory.AdminTokenAsync("audit:read")).Split('.');
        var claims = JsonNode.Parse(Base64Url.Decode(parts[1]))!.AsObject();
        claims["scope"] = new JsonArray("audit:read", "keys:rotate");

        var token = parts[0] + "." + Base64Url.Encode(Encoding.UTF8.GetBytes(claims.ToJsonString())) + "." + parts[2];

        await RefusedAsync(token, "bad_signature");
    }

    [Fact]
    public async Task The_high_S_twin_of_a_tokens_signature_is_refused_though_ecdsa_accepts_it()
    {
        var token = await _factory.AdminTokenAsync();
        var parts = token.Split('.');
        var signature = Base64Url.Decode(parts[2]);
        Es512.IsLowS(signature).Should().BeTrue("Blux signs tokens in the low-S form");
        var twin = Es512.Twin(signature);
        var kid = RegApi.KidOf(token);
        var jwk = (await _factory.JwksAsync())["keys"]!.AsArray().Single(k => k!["kid"]!.GetValue<string>() == kid)!;
        using var publicKey = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP521,
            Q = new ECPoint { X = Base64Url.Decode(jwk["x"]!.GetValue<string>()), Y = Base64Url.Decode(jwk["y"]!.GetValue<string>()) },
        });
        publicKey.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), twin, HashAlgorithmName.SHA512, DSASignatureFormat.IeeeP1363FixedFieldConcatenation)
            .Should().BeTrue("the twin is a valid ECDSA signature of the same token");

        await RefusedAsync(parts[0] + "." + parts[1] + "." + Base64Url.Encode(twin), "bad_signature");
    }

    [Fact]
    public async Task Tokens_are_always_signed_in_the_low_S_form()
    {
        for (var i = 0; i < 16; i++)
        {
            Es512.IsLowS(Base64Url.Decode((await _factory.AdminTokenAsync()).Split('.')[2])).Should().BeTrue();
        }
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("two-parts")]
    [InlineData("not-base64")]
    [InlineData("short-signature")]
    public async Task Truncated_or_non_base64_tokens_are_refused(string damage)
    {
        var token = await _factory.AdminTokenAsync();
        var parts = token.Split('.');
        var damaged = damage switch
        {
            "truncated" => token[..(token.Length / 2)],
            "two-parts" => parts[0] + "." + parts[1],
            "not-base64" => parts[0] + "." + parts[1] + "." + "!!" + parts[2][2..],
            _ => parts[0] + "." + parts[1] + "." + parts[2][..40],
        };

        await RefusedAsync(damaged, damage == "short-signature" ? "bad_signature" : "malformed_token");
    }

    [Theory]
    [InlineData("header", "lone surrogate")]
    [InlineData("header", "invalid utf-8")]
    [InlineData("header", "duplicate alg")]
    [InlineData("header", "number beyond a double")]
    [InlineData("header", "deep nesting")]
    [InlineData("claims", "lone surrogate")]
    [InlineData("claims", "invalid utf-8")]
    [InlineData("claims", "duplicate sub")]
    [InlineData("claims", "number beyond a double")]
    [InlineData("claims", "deep nesting")]
    public async Task Json_in_a_token_that_could_not_be_read_is_malformed_even_under_a_good_signature(string part, string damage)
    {
        var (kid, key) = Steal();
        var header = ForgedTokens.Header("ES512", kid).ToJsonString();
        var claims = ForgedTokens.AdminClaims(DateTimeOffset.UtcNow).ToJsonString();
        var (member, value) = part == "header" ? ("kid", kid) : ("sub", "admin");
        var target = part == "header" ? header : claims;
        byte[] damaged = damage switch
        {
            "lone surrogate" => Encoding.UTF8.GetBytes(target.Replace($"\"{member}\":\"{value}\"", $"\"{member}\":\"{value}\\ud800\"", StringComparison.Ordinal)),
            "invalid utf-8" => [.. Encoding.UTF8.GetBytes(target[..^1]), .. ",\"x\":\""u8, 0xff, .. "\"}"u8],
            "duplicate alg" => Encoding.UTF8.GetBytes(target.Replace("{", "{\"alg\":\"none\",", StringComparison.Ordinal)),
            "duplicate sub" => Encoding.UTF8.GetBytes(target[..^1] + ",\"sub\":\"someone_else\"}"),
            "number beyond a double" => Encoding.UTF8.GetBytes(target[..^1] + ",\"x\":1e400}"),
            _ => Encoding.UTF8.GetBytes(target[..^1] + ",\"x\":" + new string('[', 40) + "1" + new string(']', 40) + "}"),
        };

        var token = part == "header"
            ? ForgedTokens.SignEs512(key, damaged, Encoding.UTF8.GetBytes(claims))
            : ForgedTokens.SignEs512(key, Encoding.UTF8.GetBytes(header), damaged);

        await RefusedAsync(token, "malformed_token");
        using var validator = await _factory.AdminClientAsync();
        var check = await validator.PostAsync("/v1/identities/validate", Json.Content(new JsonObject { ["token"] = token }.ToJsonString()));
        check.StatusCode.Should().Be(HttpStatusCode.OK);
        var answer = await check.BodyAsync();
        answer["valid"]!.GetValue<bool>().Should().BeFalse();
        answer["reason"]!.GetValue<string>().Should().Be("malformed_token");
    }

    private (string Kid, ECDsa Key) Steal(string keyType = "token_signing")
    {
        using var started = _factory.CreateClient();
        return ForgedTokens.StealTokenKey(_factory.DataPath, keyType);
    }

    private async Task RefusedAsync(string token, string reason)
    {
        using var client = _factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, Target);
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);

        var response = await client.SendAsync(request);

        var error = await response.ShouldFailAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED", null, reason);
        response.Headers.WwwAuthenticate.ToString().Should().Contain("invalid_token");
        var auditId = error["audit_id"]!.GetValue<string>();
        auditId.Should().StartWith("aud_err_");
        var record = await _factory.AuditRecordAsync(auditId);
        record["operation"]!.GetValue<string>().Should().Be("auth.failed");
        record["status"]!.GetValue<string>().Should().Be("failure");
        record["data"]!["reason"]!.GetValue<string>().Should().Be(reason);
    }
}
