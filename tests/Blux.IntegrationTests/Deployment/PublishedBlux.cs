using System.Diagnostics;
using Blux.IntegrationTests.Lite;

namespace Blux.IntegrationTests.Deployment;

/// <summary>
/// The Dockerfile's build stage followed without a container runtime, once per test run: its
/// <c>COPY</c> lines into a temporary build directory, then its <c>dotnet restore</c> and
/// <c>dotnet publish</c>, with the output where the image keeps it (<c>/app</c>) moved to a
/// temporary directory.
/// </summary>
public sealed class PublishedBlux : IAsyncLifetime
{
    private readonly string _root = TestDirectory.New();

    public PublishedBlux()
    {
        Recipe = DockerfileRecipe.Read();
        AppDirectory = Path.Combine(_root, "app");
    }

    internal DockerfileRecipe Recipe { get; }

    /// <summary>Where the published output is: the image's <c>/app</c>.</summary>
    public string AppDirectory { get; }

    /// <summary>A command of the image (ENTRYPOINT, HEALTHCHECK) with <c>/app</c> moved to <see cref="AppDirectory"/>.</summary>
    public ProcessStartInfo Command(IEnumerable<string> words, string workingDirectory)
    {
        var command = words.Select(word => word.Replace(DockerfileRecipe.AppDirectory, AppDirectory)).ToArray();
        var info = new ProcessStartInfo(command[0]) { WorkingDirectory = workingDirectory };
        foreach (var argument in command[1..])
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }

    public async Task InitializeAsync()
    {
        var buildDirectory = Path.Combine(_root, "src");
        Recipe.CopyBuildContext(buildDirectory);
        foreach (var run in Recipe.Runs)
        {
            run[0].Should().Be("dotnet", "the build stage runs the .NET CLI only");
            var (exitCode, output, error) = await HostProcess.RunToExitAsync(Command(run, buildDirectory), TimeSpan.FromMinutes(10));
            exitCode.Should().Be(0, string.Join(' ', run) + Environment.NewLine + output + error);
        }

        File.Exists(Path.Combine(AppDirectory, "Blux.Host.dll")).Should().BeTrue();
    }

    public Task DisposeAsync()
    {
        TestDirectory.Delete(_root);
        return Task.CompletedTask;
    }
}
