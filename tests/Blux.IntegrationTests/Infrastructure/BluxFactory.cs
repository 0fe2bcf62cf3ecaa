using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Blux.IntegrationTests.Infrastructure;

/// <summary>The real host on a data directory of its own, deleted when the test class is done.</summary>
public sealed class BluxFactory : WebApplicationFactory<Program>
{
    public BluxFactory()
    {
        DataPath = Path.Combine(Path.GetTempPath(), "blux-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataPath);
    }

    public string DataPath { get; }

    /// <summary>False for a host that keeps the default rate limits (see <see cref="TestRateLimits"/>).</summary>
    public bool RaiseRateLimits { get; set; } = true;

    /// <summary>Extra settings a test class needs (checkpoint period, body limit, …).</summary>
    public Dictionary<string, string?> Settings { get; } = new();

    public string AdminSecret => JsonNode.Parse(File.ReadAllText(Path.Combine(DataPath, "bootstrap-admin.json")))!["client_secret"]!.GetValue<string>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("BLUX_DATA_PATH", DataPath);
        builder.UseSetting("BLUX_LOG_PATH", Path.Combine(DataPath, "logs"));
        foreach (var (key, value) in RaiseRateLimits ? TestRateLimits.Raised : new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public async Task<string> AdminTokenAsync(string? scope = null)
    {
        using var client = CreateClient();
        var response = await client.PostAsJsonAsync("/v1/tokens", new Dictionary<string, string?>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "admin",
            ["client_secret"] = AdminSecret,
            ["scope"] = scope,
        });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("access_token").GetString()!;
    }

    public async Task<HttpClient> AdminClientAsync(string? scope = null)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await AdminTokenAsync(scope));
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(DataPath, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open by the OS is removed with the temp directory later.
            }
        }
    }
}
