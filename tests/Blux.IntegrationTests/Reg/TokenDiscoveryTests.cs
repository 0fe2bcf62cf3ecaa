using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Blux.IntegrationTests.Infrastructure;

namespace Blux.IntegrationTests.Reg;

/// <summary>
/// OAuth client libraries and gateways configure themselves from <c>/.well-known/openid-configuration</c>,
/// and authenticate with <c>client_secret_basic</c> (RFC 6749 §2.3.1) as well as in the body; a Basic
/// header Blux cannot read, or credentials sent twice, are the client's mistake: 400, never a token.
/// </summary>
public sealed class TokenDiscoveryTests : IClassFixture<BluxFactory>
{
    private readonly BluxFactory _factory;

    public TokenDiscoveryTests(BluxFactory factory) => _factory = factory;

    [Fact]
    public async Task Discovery_names_the_issuer_of_the_tokens_the_token_endpoint_the_keys_and_both_client_authentication_methods()
    {
        using var client = _factory.CreateClient();

        var response = await client.GetAsync("/.well-known/openid-configuration");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var metadata = await response.BodyAsync();
        metadata["issuer"]!.GetValue<string>().Should().Be(Issuer(await _factory.AdminTokenAsync()), "the issuer is the iss of the tokens Blux issues");
        metadata["token_endpoint"]!.GetValue<string>().Should().Be("http://localhost/v1/tokens");
        metadata["jwks_uri"]!.GetValue<string>().Should().Be("http://localhost/.well-known/jwks.json");
        metadata["grant_types_supported"]!.AsArray().Select(g => g!.GetValue<string>()).Should().Equal("client_credentials");
        metadata["token_endpoint_auth_methods_supported"]!.AsArray().Select(m => m!.GetValue<string>()).Should().BeEquivalentTo(["client_secret_basic", "client_secret_post"]);
        metadata["scopes_supported"]!.AsArray().Select(s => s!.GetValue<string>()).Should().Contain(["tasks:write", "audit:read", "keys:rotate"]);
        (await client.GetAsync(new Uri(metadata["jwks_uri"]!.GetValue<string>()).PathAndQuery)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json")]
    public async Task Client_secret_basic_issues_a_token(string mediaType)
    {
        using var client = _factory.CreateClient();

        var response = await client.SendAsync(TokenRequest(Basic("admin", _factory.AdminSecret), mediaType, ("grant_type", "client_credentials"), ("scope", "tasks:read")));

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var body = await response.BodyAsync();
        body["scope"]!.GetValue<string>().Should().Be("tasks:read");
        using var bearer = _factory.BearerClient(body["access_token"]!.GetValue<string>());
        (await bearer.GetAsync("/v1/tasks")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_basic_credentials_are_form_url_decoded_first()
    {
        var (id, secret) = await _factory.CreateIdentityAsync("service", ["service"], id: "svc.basic@1");
        using var client = _factory.CreateClient();
        var encodedId = "svc.basic%401";

        var response = await client.SendAsync(TokenRequest(BasicRaw($"{encodedId}:{Uri.EscapeDataString(secret)}"), "application/x-www-form-urlencoded", ("grant_type", "client_credentials")));

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        using var bearer = _factory.BearerClient((await response.BodyAsync())["access_token"]!.GetValue<string>());
        (await bearer.GetAsync("/v1/tasks")).StatusCode.Should().Be(HttpStatusCode.OK, $"the token is {id}'s");
    }

    [Fact]
    public async Task A_wrong_secret_in_basic_credentials_is_401()
    {
        using var client = _factory.CreateClient();

        var response = await client.SendAsync(TokenRequest(Basic("admin", "not-the-secret"), "application/x-www-form-urlencoded", ("grant_type", "client_credentials")));

        await response.ShouldFailAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED", null, null);
    }

    [Theory]
    [InlineData("not base64 at all!")]
    [InlineData("YWRtaW4")]
    [InlineData("//79/Q==")]
    public async Task Basic_credentials_Blux_cannot_read_are_400(string credentials)
    {
        using var client = _factory.CreateClient();

        var response = await client.SendAsync(TokenRequest(new AuthenticationHeaderValue("Basic", credentials), "application/x-www-form-urlencoded", ("grant_type", "client_credentials")));

        await response.ShouldFailAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED", "authorization", "malformed_basic_credentials");
    }

    [Theory]
    [InlineData("admin")]
    [InlineData(":secret")]
    public async Task Basic_credentials_without_an_id_and_a_colon_are_400(string decoded)
    {
        using var client = _factory.CreateClient();

        var response = await client.SendAsync(TokenRequest(BasicRaw(decoded), "application/x-www-form-urlencoded", ("grant_type", "client_credentials")));

        await response.ShouldFailAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED", "authorization", "malformed_basic_credentials");
    }

    [Fact]
    public async Task Credentials_in_both_the_header_and_the_body_are_400()
    {
        using var client = _factory.CreateClient();

        var response = await client.SendAsync(TokenRequest(
            Basic("admin", _factory.AdminSecret), "application/x-www-form-urlencoded", ("grant_type", "client_credentials"), ("client_id", "admin"), ("client_secret", _factory.AdminSecret)));

        await response.ShouldFailAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED", "client_secret", "multiple_client_authentication");
    }

    [Fact]
    public async Task A_body_client_id_other_than_the_headers_is_400()
    {
        using var client = _factory.CreateClient();

        var response = await client.SendAsync(TokenRequest(Basic("admin", _factory.AdminSecret), "application/json", ("grant_type", "client_credentials"), ("client_id", "svc_other")));

        await response.ShouldFailAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED", "client_id", "multiple_client_authentication");
    }

    private static HttpRequestMessage TokenRequest(AuthenticationHeaderValue authorization, string mediaType, params (string Name, string Value)[] fields)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/tokens");
        request.Headers.Authorization = authorization;
        request.Content = mediaType == "application/json"
            ? Json.Content(new System.Text.Json.Nodes.JsonObject(fields.Select(f => KeyValuePair.Create(f.Name, (System.Text.Json.Nodes.JsonNode?)f.Value))).ToJsonString())
            : new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)));
        return request;
    }

    private static AuthenticationHeaderValue Basic(string clientId, string secret) =>
        BasicRaw($"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(secret)}");

    private static AuthenticationHeaderValue BasicRaw(string decoded) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(decoded)));

    private static string Issuer(string token) =>
        System.Text.Json.Nodes.JsonNode.Parse(Blux.SharedKernel.Crypto.Base64Url.Decode(token.Split('.')[1]))!["iss"]!.GetValue<string>();
}
