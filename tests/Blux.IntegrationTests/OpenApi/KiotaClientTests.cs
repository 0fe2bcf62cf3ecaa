using System.Diagnostics;
using System.Text.Json.Nodes;
using Blux.IntegrationTests.Infrastructure;
using Blux.IntegrationTests.Lite;

namespace Blux.IntegrationTests.OpenApi;

/// <summary>
/// A C# client generated from docs/openapi.json by Kiota (the tool pinned in .config/dotnet-tools.json)
/// runs the README's walkthrough against a running Blux (tests/contract/kiota/Program.cs): the task
/// request typed to the enums, the finished task with its audit trail, the list by status, the
/// verification, and a refusal read as the typed error envelope.
/// </summary>
public sealed class KiotaClientTests : IAsyncLifetime
{
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(5);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "blux-kiota", Guid.NewGuid().ToString("N"));
    private readonly string _dataPath = TestDirectory.New();

    [Fact]
    public async Task A_kiota_client_generated_from_the_document_runs_the_readme_walkthrough_against_blux()
    {
        await RunAsync(Dotnet(RepositoryRoot.Path, "tool", "restore"));
        await RunAsync(Dotnet(RepositoryRoot.Path, "kiota", "generate", "--language", "CSharp", "--openapi", ContractDocument.FilePath,
            "--output", Path.Combine(_root, "Client"), "--class-name", "BluxClient", "--namespace-name", "Blux.Client",
            "--exclude-backward-compatible", "--clean-output"));
        await RunAsync(Dotnet(_root, "build", "KiotaWalkthrough.csproj", "--configuration", "Release", "--output", Path.Combine(_root, "out")));
        await using var host = await HostProcess.StartAsync(_dataPath);
        using var admin = await host.AdminClientAsync(_dataPath);

        var output = await RunAsync(Dotnet(_root, Path.Combine(_root, "out", "KiotaWalkthrough.dll"), host.BaseUrl, admin.DefaultRequestHeaders.Authorization!.Parameter!));

        var result = JsonNode.Parse(output.Trim().Split('\n')[^1])!;
        result["task_id"]!.GetValue<string>().Should().Be("task_kiota_readme");
        result["status"]!.GetValue<string>().Should().Be("Completed");
        result["route"]!.GetValue<string>().Should().Be("echo");
        result["record_hash"]!.GetValue<string>().Should().MatchRegex("^sha256-[0-9a-f]{64}$");
        result["listed"]!.AsArray().Select(t => t!.GetValue<string>()).Should().Contain("task_kiota_readme");
        result["valid"]!.GetValue<bool>().Should().BeTrue();
        result["refusal"]!.GetValue<string>().Should().Be("400 VALIDATION_FAILED context", "a task without its context is refused, and the client reads the envelope");
    }

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_root);
        foreach (var file in new[] { "KiotaWalkthrough.csproj", "Program.cs" })
        {
            File.Copy(Path.Combine(ContractTools.Folder, "kiota", file), Path.Combine(_root, file));
        }

        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        TestDirectory.Delete(_dataPath);
        TestDirectory.Delete(_root);
        return Task.CompletedTask;
    }

    /// <summary>
    /// <c>dotnet</c> with these arguments. Outside the repository (the walkthrough's own folder), so that
    /// Blux's central package versions and build settings do not apply to the generated client.
    /// </summary>
    private static ProcessStartInfo Dotnet(string workingDirectory, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["KIOTA_OFFLINE_ENABLED"] = "true";
        info.Environment["KIOTA_TUTORIAL_ENABLED"] = "false";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return info;
    }

    private static async Task<string> RunAsync(ProcessStartInfo info)
    {
        var (exitCode, output, error) = await HostProcess.RunToExitAsync(info, Step);
        exitCode.Should().Be(0, $"dotnet {string.Join(' ', info.ArgumentList)}\n{output}\n{error}");
        return output;
    }
}
