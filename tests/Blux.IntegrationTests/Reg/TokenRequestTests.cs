using System.Net;
using System.Text.Json.Nodes;
using Blux.IntegrationTests.Infrastructure;
using Blux.SharedKernel.Crypto;

namespace Blux.IntegrationTests.Reg;

/// <summary><c>POST /v1/tokens</c>: the token's shape (docs/contract.md#identities-tokens-and-keys), and bad requests in JSON or form bodies named by field.</summary>
public sealed class TokenRequestTests : IClassFixture<BluxFactory>
{
    private readonly BluxFactory _factory;

    public TokenRequestTests(BluxFactory factory) => _factory = factory;

    [Fact]
    public async Task A_token_has_the_header_and_claims_of_the_contract()
    {
        var (id, secret) = await _factory.CreateIdentityAsync("service", ["service"]);

        var token = await _factory.TokenAsync(id, secret);

        var parts = token.Split('.');
        var header = JsonNode.Parse(Base64Url.Decode(parts[0]))!.AsObject();
        var claims = JsonNode.Parse(Base64Url.Decode(parts[1]))!.AsObject();
        header.Select(p => p.Key).Should().BeEquivalentTo("alg", "kid", "typ");
        header["alg"]!.GetValue<string>().Should().Be("ES512");
        header["typ"]!.GetValue<string>().Should().Be("JWT");
        (await _factory.JwksKidsAsync()).Should().Contain(header["kid"]!.GetValue<string>());
        claims["iss"]!.GetValue<string>().Should().Be("blux-reg");
        claims["aud"]!.GetValue<string>().Should().Be("blux-ecosystem");
        claims["sub"]!.GetValue<string>().Should().Be(id);
        claims["nbf"]!.GetValue<long>().Should().Be(claims["iat"]!.GetValue<long>());
        (claims["exp"]!.GetValue<long>() - claims["iat"]!.GetValue<long>()).Should().Be(3600);
        claims["jti"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        claims["scope"]!.AsArray().Select(s => s!.GetValue<string>()).Should().BeEquivalentTo("tasks:write", "tasks:read", "audit:write");
        claims["roles"]!.AsArray().Select(s => s!.GetValue<string>()).Should().Equal("service");
        Base64Url.Decode(parts[2]).Should().HaveCount(132, "ES512 signatures are r||s, 66 bytes each");
    }

    [Theory]
    [InlineData("json", """{"grant_type":"password","client_id":"admin","client_secret":"x"}""", "grant_type", "unsupported_grant_type")]
    [InlineData("json", """{"client_id":"admin","client_secret":"x"}""", "grant_type", "missing_field")]
    [InlineData("json", """{"grant_type":"client_credentials","client_secret":"x"}""", "client_id", "missing_field")]
    [InlineData("json", """{"grant_type":"client_credentials","client_id":"admin"}""", "client_secret", "missing_field")]
    [InlineData("json", """{"grant_type":"client_credentials","client_id":7,"client_secret":"x"}""", "client_id", "wrong_type")]
    [InlineData("json", """{"grant_type":"client_credentials",""", "body", "malformed_json")]
    [InlineData("form", "grant_type=authorization_code&client_id=admin&client_secret=x", "grant_type", "unsupported_grant_type")]
    [InlineData("form", "grant_type=client_credentials&client_secret=x", "client_id", "missing_field")]
    [InlineData("form", "grant_type=client_credentials&client_id=admin", "client_secret", "missing_field")]
    public async Task Bad_token_requests_are_400_naming_the_field(string format, string body, string field, string issue)
    {
        using var client = _factory.CreateClient();
        var content = format == "json"
            ? Json.Content(body)
            : new StringContent(body, System.Text.Encoding.ASCII, "application/x-www-form-urlencoded");

        var response = await client.PostAsync("/v1/tokens", content);

        await response.ShouldFailAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED", field, issue);
    }

    [Theory]
    [InlineData("admin", "wrong-secret", "bad_secret")]
    [InlineData("nobody_here", "any-secret", "unknown_client")]
    public async Task Wrong_credentials_are_one_401_naming_client_secret_and_audited_with_the_reason(string clientId, string secret, string reason)
    {
        var response = await _factory.RequestTokenAsync(clientId, secret);

        var error = await response.ShouldFailAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED", "client_secret", "invalid_client");
        error["message"]!.GetValue<string>().Should().Be("Client authentication failed.", "the answer does not tell which ids exist");
        var record = await _factory.AuditRecordAsync(error["audit_id"]!.GetValue<string>());
        record["operation"]!.GetValue<string>().Should().Be("auth.failed");
        record["data"]!["reason"]!.GetValue<string>().Should().Be(reason);
        record.ToJsonString().Should().NotContain(secret);
    }
}
