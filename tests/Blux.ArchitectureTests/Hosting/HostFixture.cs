using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Blux.ArchitectureTests.Hosting;

/// <summary>
/// Starts the real host once (its hosted services migrate every module's store before start returns)
/// on a fresh temporary directory, and deletes the directory afterwards.
/// </summary>
public sealed class HostFixture : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), $"blux-architecture-tests-{Guid.NewGuid():N}");
    private readonly BluxFactory factory;

    public HostFixture()
    {
        DataPath = Path.Combine(root, "data");
        Directory.CreateDirectory(DataPath);
        // The default rate limits, as an operator's host has them: these tests read the host's setup.
        factory = BluxFactory.On(DataPath);
        factory.LogPath = Path.Combine(root, "logs");
        factory.RaiseRateLimits = false;
        Services = factory.Services;
    }

    public string DataPath { get; }

    public IServiceProvider Services { get; }

    public IReadOnlyList<Endpoint> Endpoints => Services.GetRequiredService<EndpointDataSource>().Endpoints;

    /// <summary>Resolves a DbContext the way the module's own code gets it, in a scope of its own.</summary>
    public T WithContext<T>(Type contextType, Func<DbContext, T> read)
    {
        using var scope = Services.CreateScope();
        return read((DbContext)scope.ServiceProvider.GetRequiredService(contextType));
    }

    public void Dispose()
    {
        factory.Dispose();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // A file the stopping host still writes (a log flush, the store manifest) is left for the
            // temp directory cleanup: a test's cleanup must not fail a run whose tests all passed.
        }
    }
}
