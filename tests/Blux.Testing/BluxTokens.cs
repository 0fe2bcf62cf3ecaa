using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Blux.Testing;

/// <summary>
/// The one way tests get an access token: a client-credentials request to <c>POST /v1/tokens</c>,
/// for the bootstrap admin (its secret read from the data directory) or any identity a test created.
/// </summary>
public static class BluxTokens
{
    /// <summary>The bootstrap admin's secret, as the first start wrote it to <c>bootstrap-admin.json</c>.</summary>
    public static string AdminSecret(string dataPath) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(dataPath, "bootstrap-admin.json")))!["client_secret"]!.GetValue<string>();

    /// <summary>The token endpoint's answer, whatever it is (for tests of refusals).</summary>
    public static Task<HttpResponseMessage> RequestAsync(HttpClient client, string clientId, string secret, string? scope = null) =>
        client.PostAsJsonAsync("/v1/tokens", new Dictionary<string, string?>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
            ["scope"] = scope,
        });

    /// <summary>An access token for <paramref name="clientId"/>; fails the test when the endpoint refuses.</summary>
    public static async Task<string> TokenAsync(HttpClient client, string clientId, string secret, string? scope = null)
    {
        var response = await RequestAsync(client, clientId, secret, scope);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return JsonNode.Parse(body)!["access_token"]!.GetValue<string>();
    }

    /// <summary>Signs <paramref name="client"/> in as <paramref name="clientId"/>: its later requests carry the token.</summary>
    public static async Task<HttpClient> AuthorizedAsync(this HttpClient client, string clientId, string secret, string? scope = null)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(client, clientId, secret, scope));
        return client;
    }

    /// <summary>A client of the in-process <paramref name="host"/> signed in as <paramref name="clientId"/>.</summary>
    public static Task<HttpClient> ClientAsync(this WebApplicationFactory<Program> host, string clientId, string secret, string? scope = null) =>
        host.CreateClient().AuthorizedAsync(clientId, secret, scope);
}
