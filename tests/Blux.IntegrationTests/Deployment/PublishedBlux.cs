using System.Diagnostics;
using Blux.IntegrationTests.Infrastructure;
using Blux.IntegrationTests.Lite;

namespace Blux.IntegrationTests.Deployment;

/// <summary>
/// <c>dotnet publish Blux.Host -c Release</c>, as the Dockerfile's build stage runs it, once per
/// test run, into a temporary directory; and the environment the Dockerfile's <c>ENV</c> lines set.
/// </summary>
public sealed class PublishedBlux : IAsyncLifetime
{
    public string Directory { get; } = LiteHost.NewDataPath();

    public string HostDll => Path.Combine(Directory, "Blux.Host.dll");

    /// <summary>Every <c>ENV KEY=VALUE</c> line of the repository's Dockerfile.</summary>
    public static IReadOnlyDictionary<string, string> DockerfileEnvironment() =>
        File.ReadLines(Path.Combine(RepositoryRoot.Path, "Dockerfile"))
            .Where(line => line.StartsWith("ENV ", StringComparison.Ordinal))
            .Select(line => line[4..].Trim().Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1]);

    public async Task InitializeAsync()
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = RepositoryRoot.Path };
        // --no-restore: the test run's build has restored; a restore would rewrite the assets files under it.
        foreach (var argument in new[] { "publish", Path.Combine("Blux.Host", "Blux.Host.csproj"), "-c", "Release", "-o", Directory, "--no-restore", "-v", "q", "-nologo" })
        {
            info.ArgumentList.Add(argument);
        }

        var (exitCode, output, error) = await HostProcess.RunToExitAsync(info, TimeSpan.FromMinutes(10));
        exitCode.Should().Be(0, output + error);
        File.Exists(HostDll).Should().BeTrue();
    }

    public Task DisposeAsync()
    {
        LiteHost.Delete(Directory);
        return Task.CompletedTask;
    }
}
