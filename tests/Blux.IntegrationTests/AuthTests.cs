using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Blux.IntegrationTests.Infrastructure;

namespace Blux.IntegrationTests;

/// <summary>401 and 403 answer the envelope with an audited <c>aud_err_</c> record that exists.</summary>
public sealed class AuthTests : IClassFixture<BluxFactory>
{
    private readonly BluxFactory _factory;

    public AuthTests(BluxFactory factory) => _factory = factory;

    [Theory]
    [InlineData(null, "missing_token")]
    [InlineData("Basic YWRtaW46eA==", "malformed_authorization")]
    [InlineData("Bearer not-a-jwt", "malformed_token")]
    [InlineData("Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.", "malformed_token")]
    public async Task Requests_without_a_valid_token_are_401_and_audited(string? authorization, string issue)
    {
        using var client = _factory.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/tasks") { Content = Json.Content(TaskRequest.Guide("echo").ToJsonString()) };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Should().NotBeEmpty();
        var error = (await response.BodyAsync())["error"]!;
        error["code"]!.GetValue<string>().Should().Be("UNAUTHORIZED");
        error["details"]!["issue"]!.GetValue<string>().Should().Be(issue);
        var auditId = error["audit_id"]!.GetValue<string>();
        auditId.Should().StartWith("aud_err_");
        var record = await AuditRecordAsync(auditId);
        record["operation"]!.GetValue<string>().Should().Be("auth.failed");
        record["status"]!.GetValue<string>().Should().Be("failure");
    }

    [Fact]
    public async Task Token_without_the_scope_is_403_naming_the_scope_and_audited()
    {
        using var client = await _factory.AdminClientAsync("tasks:read");

        var response = await client.PostAsync("/v1/tasks", Json.Content(TaskRequest.Guide("echo").ToJsonString()));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var error = (await response.BodyAsync())["error"]!;
        error["code"]!.GetValue<string>().Should().Be("FORBIDDEN");
        error["details"]!["required_scope"]!.GetValue<string>().Should().Be("tasks:write");
        var record = await AuditRecordAsync(error["audit_id"]!.GetValue<string>());
        record["operation"]!.GetValue<string>().Should().Be("access.denied");
        record["identity"]!.GetValue<string>().Should().Be("user:admin");
    }

    [Fact]
    public async Task Wrong_client_secret_is_401_and_audited_without_the_secret()
    {
        using var client = _factory.CreateClient();

        var response = await BluxTokens.RequestAsync(client, "admin", "guess");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var error = (await response.BodyAsync())["error"]!;
        var record = await AuditRecordAsync(error["audit_id"]!.GetValue<string>());
        record["operation"]!.GetValue<string>().Should().Be("auth.failed");
        record.ToJsonString().Should().NotContain("guess");
    }

    [Fact]
    public async Task Tokens_come_from_json_or_form_bodies_and_carry_the_requested_scope()
    {
        using var client = _factory.CreateClient();
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "admin",
            ["client_secret"] = _factory.AdminSecret,
            ["scope"] = "tasks:read audit:read",
        });

        var response = await client.PostAsync("/v1/auth/token", form);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await response.BodyAsync();
        body["token_type"]!.GetValue<string>().Should().Be("Bearer");
        body["scope"]!.GetValue<string>().Should().Be("tasks:read audit:read");
        body["expires_in"]!.GetValue<long>().Should().Be(3600);
    }

    [Fact]
    public async Task Scope_beyond_the_roles_is_refused()
    {
        using var client = _factory.CreateClient();

        var response = await BluxTokens.RequestAsync(client, "admin", _factory.AdminSecret, "tasks:read launch:missiles");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.BodyAsync())["error"]!["details"]!["field"]!.GetValue<string>().Should().Be("scope");
    }

    [Fact]
    public async Task Tampered_token_is_refused()
    {
        var token = await _factory.AdminTokenAsync();
        var parts = token.Split('.');
        var payload = JsonNode.Parse(Blux.SharedKernel.Crypto.Base64Url.Decode(parts[1]))!.AsObject();
        payload["scope"] = new JsonArray("tasks:read", "tasks:write", "keys:rotate", "identities:write");
        var forged = parts[0] + "." + Blux.SharedKernel.Crypto.Base64Url.Encode(System.Text.Encoding.UTF8.GetBytes(payload.ToJsonString())) + "." + parts[2];
        using var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", forged);

        var response = await client.GetAsync("/v1/status");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await response.BodyAsync())["error"]!["details"]!["issue"]!.GetValue<string>().Should().Be("bad_signature");
    }

    private async Task<JsonObject> AuditRecordAsync(string auditId)
    {
        using var auditor = await _factory.AdminClientAsync();
        var response = await auditor.GetAsync($"/v1/audit/{auditId}");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.BodyAsync();
    }
}
