using System.Diagnostics;
using Blux.IntegrationTests.Infrastructure;
using Blux.IntegrationTests.Lite;

namespace Blux.IntegrationTests.Deployment;

/// <summary>
/// <c>dotnet run --project Blux.Host</c> as the README starts it: the default <c>./data</c> and
/// <c>./logs</c> land in the directory it was started from, not in the project directory.
/// </summary>
[Collection(DeploymentCollection.Name)]
public sealed class FirstRunTests : IDisposable
{
    private readonly string _startDirectory = TestDirectory.New();

    [Fact]
    public async Task Dotnet_run_keeps_the_callers_directory_for_the_default_data_and_log_paths()
    {
        var baseUrl = $"http://127.0.0.1:{HostProcess.FreePort()}";
        var info = DotnetRun(_startDirectory, baseUrl);
        info.Environment["BLUX_ENV"] = "development";
        await using var host = await HostProcess.StartAsync(info, baseUrl);

        var dataPath = Path.Combine(_startDirectory, "data");
        File.Exists(Path.Combine(dataPath, "bootstrap-admin.json")).Should().BeTrue();
        File.Exists(Path.Combine(dataPath, "reg.db")).Should().BeTrue();
        Directory.GetFiles(Path.Combine(_startDirectory, "logs"), "blux-*.log").Should().ContainSingle();
        using var client = await host.AdminClientAsync(dataPath);
        (await client.GetAsync("/v1/audit/verify")).EnsureSuccessStatusCode();
    }

    public void Dispose() => TestDirectory.Delete(_startDirectory);

    /// <summary>
    /// <c>dotnet run --project Blux.Host</c> (built already) started from <paramref name="directory"/>,
    /// listening on <paramref name="baseUrl"/>, with exactly what a user's shell has: no path settings,
    /// and none of the MSBuild state of the test run.
    /// </summary>
    internal static ProcessStartInfo DotnetRun(string directory, string baseUrl)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = directory };
        foreach (var argument in new[] { "run", "--project", Path.Combine(RepositoryRoot.Path, "Blux.Host"), "--no-build", "-c", RepositoryRoot.Configuration, "--", "--urls", baseUrl })
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var name in info.Environment.Keys.Where(IsInherited).ToArray())
        {
            info.Environment.Remove(name);
        }

        return info;
    }

    private static bool IsInherited(string name) =>
        name.StartsWith("BLUX_", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("Blux__", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase);
}
