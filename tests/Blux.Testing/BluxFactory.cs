using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Blux.Testing;

/// <summary>
/// The real host in process, the one way tests host Blux short of a child process (<see cref="HostProcess"/>).
/// Either on a data directory of its own, deleted when the factory is disposed, or on one the test
/// owns and keeps, so that one host can be stopped and another started on what it left.
/// </summary>
public sealed class BluxFactory : WebApplicationFactory<Program>
{
    private readonly bool _ownsDataPath;

    /// <summary>A host on a fresh data directory, deleted (with SQLite's pools cleared) on dispose.</summary>
    public BluxFactory()
        : this(TestDirectory.New(), ownsDataPath: true)
    {
    }

    private BluxFactory(string dataPath, bool ownsDataPath)
    {
        DataPath = dataPath;
        _ownsDataPath = ownsDataPath;
    }

    /// <summary>A host on <paramref name="dataPath"/>, which the test owns: it is left in place on dispose.</summary>
    public static BluxFactory On(string dataPath, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var factory = new BluxFactory(dataPath, ownsDataPath: false);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            factory.Settings[key] = value;
        }

        return factory;
    }

    public string DataPath { get; }

    /// <summary>Where the host writes its log files; under the data directory unless set.</summary>
    public string? LogPath { get; set; }

    /// <summary>False for a host that keeps the default rate limits (see <see cref="TestRateLimits"/>).</summary>
    public bool RaiseRateLimits { get; set; } = true;

    /// <summary>Extra settings a test class needs (checkpoint period, body limit, …).</summary>
    public Dictionary<string, string?> Settings { get; } = new();

    public string AdminSecret => BluxTokens.AdminSecret(DataPath);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in HostSettings.For(DataPath, LogPath, RaiseRateLimits, Settings))
        {
            builder.UseSetting(key, value);
        }
    }

    public async Task<string> AdminTokenAsync(string? scope = null)
    {
        using var client = CreateClient();
        return await BluxTokens.TokenAsync(client, "admin", AdminSecret, scope);
    }

    public Task<HttpClient> AdminClientAsync(string? scope = null) => CreateClient().AuthorizedAsync("admin", AdminSecret, scope);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsDataPath)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            TestDirectory.Delete(DataPath);
        }
    }
}
