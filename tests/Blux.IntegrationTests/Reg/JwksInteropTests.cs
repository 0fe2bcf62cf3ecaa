using System.Net.Http.Json;
using Blux.IntegrationTests.Infrastructure;
using Blux.SharedKernel;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Blux.IntegrationTests.Reg;

/// <summary>
/// A standard JWT library accepts Blux's tokens knowing only what any client knows: the JWKS fetched over
/// HTTP, the issuer and the audience. Microsoft.IdentityModel.JsonWebTokens with its default checks.
/// </summary>
public sealed class JwksInteropTests : IClassFixture<BluxFactory>
{
    private readonly BluxFactory _factory;

    public JwksInteropTests(BluxFactory factory) => _factory = factory;

    [Fact]
    public async Task A_blux_token_validates_with_microsoft_identitymodel_from_the_jwks_alone()
    {
        var token = await _factory.AdminTokenAsync("tasks:read audit:read");
        var jwks = await FetchJwksAsync(_factory);

        var result = await ValidateAsync(token, jwks);

        result.IsValid.Should().BeTrue(result.Exception?.ToString());
        var jwt = (JsonWebToken)result.SecurityToken;
        jwt.Alg.Should().Be("ES512");
        jwt.Typ.Should().Be("JWT");
        jwt.Kid.Should().NotBeNullOrEmpty();
        jwt.Subject.Should().Be("admin");
        jwt.Claims.Where(c => c.Type == "scope").Select(c => c.Value).Should().BeEquivalentTo("tasks:read", "audit:read");
        jwt.Claims.Where(c => c.Type == "roles").Select(c => c.Value).Should().Equal("admin");
        jwt.ValidTo.Should().Be(jwt.IssuedAt.AddHours(1));
        jwks.Keys.Should().OnlyContain(k => k.Kty == "EC" && k.Crv == "P-521" && k.Alg == "ES512" && k.Use == "sig" && !k.HasPrivateKey);
    }

    [Fact]
    public async Task The_library_refuses_a_tampered_token_and_a_token_for_another_audience()
    {
        var token = await _factory.AdminTokenAsync();
        var jwks = await FetchJwksAsync(_factory);
        var parts = token.Split('.');
        var tampered = parts[0] + "." + parts[1] + "." + (parts[2][0] == 'A' ? 'B' : 'A') + parts[2][1..];

        (await ValidateAsync(tampered, jwks)).IsValid.Should().BeFalse();
        var otherAudience = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = "blux-reg",
            ValidAudience = "someone-else",
            IssuerSigningKeys = jwks.GetSigningKeys(),
        });
        otherAudience.IsValid.Should().BeFalse();
    }

    [Fact]
    public async Task A_jwks_fetched_before_a_rotation_takes_effect_already_verifies_the_new_keys_tokens()
    {
        using var host = new FakeClockBlux();
        using (var rotator = await host.AdminClientAsync("keys:rotate"))
        {
            var validAfter = host.Clock.GetUtcNow().AddMinutes(2);
            (await rotator.PostAsJsonAsync("/v1/keys/rotate", new { key_type = "token_signing", rotation_reason = "interop", valid_after = BluxTime.ToText(validAfter) }))
                .EnsureSuccessStatusCode();
        }

        var cachedJwks = await FetchJwksAsync(host.Factory);
        var oldToken = await host.AdminTokenAsync();
        host.Clock.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));
        var newToken = await host.AdminTokenAsync();

        RegApi.KidOf(newToken).Should().NotBe(RegApi.KidOf(oldToken));
        (await ValidateAsync(newToken, cachedJwks)).IsValid.Should().BeTrue("a pending key is published before it signs");
        (await ValidateAsync(oldToken, await FetchJwksAsync(host.Factory))).IsValid.Should().BeTrue("the retired key stays published while its tokens live");
    }

    [Fact]
    public async Task A_revoked_keys_token_no_longer_validates_against_a_fresh_jwks()
    {
        using var host = new FakeClockBlux();
        var token = await host.AdminTokenAsync();
        using (var rotator = await host.AdminClientAsync("keys:rotate"))
        {
            (await rotator.PostAsJsonAsync($"/v1/keys/{RegApi.KidOf(token)}/revoke", new { reason = "interop" })).EnsureSuccessStatusCode();
        }

        var result = await ValidateAsync(token, await FetchJwksAsync(host.Factory));

        result.IsValid.Should().BeFalse();
        result.Exception.Should().BeAssignableTo<SecurityTokenSignatureKeyNotFoundException>();
    }

    private static async Task<JsonWebKeySet> FetchJwksAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> factory)
    {
        using var client = factory.CreateClient();
        return new JsonWebKeySet(await client.GetStringAsync("/.well-known/jwks.json"));
    }

    private static Task<TokenValidationResult> ValidateAsync(string token, JsonWebKeySet jwks) =>
        new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = "blux-reg",
            ValidAudience = "blux-ecosystem",
            IssuerSigningKeys = jwks.GetSigningKeys(),
        });
}
