using System.Diagnostics;
using Blux.IntegrationTests.Lite;

namespace Blux.IntegrationTests.Deployment;

/// <summary>
/// The container's artefact without the container: the output of the Dockerfile's build stage,
/// started by the image's ENTRYPOINT with its ENV (/var/lib/blux and port 8080 moved to a
/// temporary directory and a free port) from a working directory that has nothing to do with it,
/// and probed by the image's HEALTHCHECK.
/// </summary>
[Collection(DeploymentCollection.Name)]
public sealed class PublishedOutputTests : IClassFixture<PublishedBlux>, IDisposable
{
    private readonly PublishedBlux _published;
    private readonly string _root = TestDirectory.New();

    public PublishedOutputTests(PublishedBlux published) => _published = published;

    [Fact]
    public async Task Published_blux_with_the_container_environment_serves_a_signed_task_and_reports_healthy()
    {
        var port = HostProcess.FreePort();
        var environment = _published.Recipe.Environment.ToDictionary(
            setting => setting.Key,
            setting => setting.Value.Replace("/var/lib/blux", Path.Combine(_root, "var", "lib", "blux")).Replace(":8080", $":{port}"));
        environment["BLUX_ENV"].Should().Be("production");
        environment["Blux__Listen"].Should().Be($"http://0.0.0.0:{port}");
        var dataPath = environment["BLUX_DATA_PATH"];
        var workingDirectory = Path.Combine(_root, "elsewhere");
        Directory.CreateDirectory(workingDirectory);

        await using (var host = await HostProcess.StartAsync(Start(_published.Recipe.Entrypoint, environment, workingDirectory), $"http://127.0.0.1:{port}"))
        {
            using var admin = await host.AdminClientAsync(dataPath);
            await FirstTask.CompletesAndIsAuditedAsync(admin);

            var probe = await HostProcess.RunToExitAsync(Start(_published.Recipe.Healthcheck, environment, workingDirectory));
            probe.ExitCode.Should().Be(0, probe.StandardOutput + probe.StandardError);
            probe.StandardOutput.Should().Contain("/health: healthy");
        }

        Directory.EnumerateFiles(environment["BLUX_LOG_PATH"], "blux-*.log").Should().ContainSingle();
        Directory.EnumerateFileSystemEntries(workingDirectory).Should().BeEmpty();
        var stopped = await HostProcess.RunToExitAsync(Start(_published.Recipe.Healthcheck, environment, workingDirectory));
        stopped.ExitCode.Should().NotBe(0);
    }

    public void Dispose() => TestDirectory.Delete(_root);

    private ProcessStartInfo Start(string[] command, IReadOnlyDictionary<string, string> environment, string workingDirectory)
    {
        var info = _published.Command(command, workingDirectory);
        foreach (var name in info.Environment.Keys.Where(name => name.StartsWith("BLUX_", StringComparison.OrdinalIgnoreCase) || name.StartsWith("Blux__", StringComparison.OrdinalIgnoreCase)).ToArray())
        {
            info.Environment.Remove(name);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        return info;
    }
}
