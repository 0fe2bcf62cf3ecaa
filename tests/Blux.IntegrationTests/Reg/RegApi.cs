using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Blux.IntegrationTests.Infrastructure;
using Blux.SharedKernel.Crypto;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Blux.IntegrationTests.Reg;

/// <summary>The Reg calls the tests make again and again, over HTTP as a client makes them.</summary>
internal static class RegApi
{
    public static async Task<(string Id, string Secret)> CreateIdentityAsync(this BluxFactory factory, string kind, string[] roles, string? id = null)
    {
        using var admin = await factory.AdminClientAsync();
        var response = await admin.PostAsJsonAsync("/v1/identities", new { id, kind, display_name = "Test " + kind, roles });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var body = await response.BodyAsync();
        return (body["id"]!.GetValue<string>(), body["client_secret"]!.GetValue<string>());
    }

    public static async Task<HttpResponseMessage> RequestTokenAsync(this WebApplicationFactory<Program> factory, string clientId, string secret, string? scope = null)
    {
        using var client = factory.CreateClient();
        return await BluxTokens.RequestAsync(client, clientId, secret, scope);
    }

    public static async Task<string> TokenAsync(this WebApplicationFactory<Program> factory, string clientId, string secret, string? scope = null)
    {
        using var client = factory.CreateClient();
        return await BluxTokens.TokenAsync(client, clientId, secret, scope);
    }

    public static HttpClient BearerClient(this WebApplicationFactory<Program> factory, string token)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static async Task<JsonObject> AuditRecordAsync(this BluxFactory factory, string auditId)
    {
        using var auditor = await factory.AdminClientAsync();
        var response = await auditor.GetAsync($"/v1/audit/{auditId}");
        response.StatusCode.Should().Be(HttpStatusCode.OK, $"audit record {auditId} should exist");
        return await response.BodyAsync();
    }

    /// <summary>Asserts the envelope's code, field and issue, and answers the error object.</summary>
    public static async Task<JsonNode> ShouldFailAsync(this HttpResponseMessage response, HttpStatusCode status, string code, string? field, string? issue)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, text);
        var error = JsonNode.Parse(text)!["error"]!;
        error["code"]!.GetValue<string>().Should().Be(code);
        if (field is not null)
        {
            error["details"]!["field"]!.GetValue<string>().Should().Be(field, text);
        }

        if (issue is not null)
        {
            error["details"]!["issue"]!.GetValue<string>().Should().Be(issue, text);
        }

        return error;
    }

    /// <summary>The <c>kid</c> in a JWT's header.</summary>
    public static string KidOf(string token) =>
        JsonNode.Parse(Base64Url.Decode(token.Split('.')[0]))!["kid"]!.GetValue<string>();

    public static async Task<JsonObject> JwksAsync(this WebApplicationFactory<Program> factory)
    {
        using var client = factory.CreateClient();
        return await (await client.GetAsync("/.well-known/jwks.json")).BodyAsync();
    }

    public static async Task<string[]> JwksKidsAsync(this WebApplicationFactory<Program> factory) =>
        (await factory.JwksAsync())["keys"]!.AsArray().Select(k => k!["kid"]!.GetValue<string>()).ToArray();

    /// <summary>A fresh P-521 key pair and its public JWK, as a client would register it.</summary>
    public static (ECDsa Key, JsonObject Jwk) NewRequestKey(string? kid = null)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP521);
        var parameters = key.ExportParameters(includePrivateParameters: false);
        var jwk = new JsonObject
        {
            ["kty"] = "EC",
            ["crv"] = "P-521",
            ["x"] = Base64Url.Encode(parameters.Q.X),
            ["y"] = Base64Url.Encode(parameters.Q.Y),
        };
        if (kid is not null)
        {
            jwk["kid"] = kid;
        }

        return (key, jwk);
    }
}
