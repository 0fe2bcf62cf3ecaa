using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace Blux.IntegrationTests.Lite;

/// <summary>
/// The real host on a data directory the test owns, so that one host can be stopped and another
/// started on what it left (restart and recovery tests). The directory is not deleted here.
/// </summary>
public sealed class LiteHost(string dataPath, IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    public string DataPath { get; } = dataPath;

    public static string NewDataPath()
    {
        var path = Path.Combine(Path.GetTempPath(), "blux-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("BLUX_DATA_PATH", DataPath);
        builder.UseSetting("BLUX_LOG_PATH", Path.Combine(DataPath, "logs"));
        foreach (var (key, value) in Infrastructure.TestRateLimits.Raised)
        {
            builder.UseSetting(key, value);
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
    }

    public async Task<HttpClient> AdminClientAsync()
    {
        var client = CreateClient();
        var secret = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(DataPath, "bootstrap-admin.json")))!["client_secret"]!.GetValue<string>();
        var response = await client.PostAsJsonAsync("/v1/tokens", new Dictionary<string, string?>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "admin",
            ["client_secret"] = secret,
        });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Runs SQL on Lite's store while no host is running on it (to leave it as a crash would).</summary>
    public static async Task ExecuteOnLiteStoreAsync(string dataPath, string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(dataPath, "lite.db")};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        (await command.ExecuteNonQueryAsync()).Should().Be(1, sql);
    }

    /// <summary>
    /// Deletes the directory without clearing SQLite's connection pools: clearing them is process-wide
    /// and races with hosts of other test classes that are stopping at the same moment.
    /// </summary>
    public static void Delete(string dataPath)
    {
        try
        {
            Directory.Delete(dataPath, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is removed with the temp directory later.
        }
    }
}
