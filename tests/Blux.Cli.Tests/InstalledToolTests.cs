using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Blux.Cli.Tests;

/// <summary>bluxq as its users get it: packed, installed with <c>dotnet tool install --tool-path</c>, run against Blux on a real port.</summary>
public sealed class InstalledToolTests
{
    [Fact]
    public async Task The_packed_tool_installs_prints_its_version_and_logs_in_and_submits_against_a_real_host()
    {
        var root = TestDirectory.New();
        try
        {
            var packages = Path.Combine(root, "packages");
            var pack = await RunAsync("dotnet", root, null, "pack", Path.Combine(RepositoryRoot.Path, "Blux.Cli", "Blux.Cli.csproj"), "-c", RepositoryRoot.Configuration, "--no-build", "-o", packages);
            pack.Code.Should().Be(0, pack.Output);
            File.Exists(Path.Combine(packages, "bluxq.1.0.0.nupkg")).Should().BeTrue(pack.Output);

            // Only the package just made: the install never looks further.
            var config = Path.Combine(root, "nuget.config");
            await File.WriteAllTextAsync(config, $"""<?xml version="1.0" encoding="utf-8"?><configuration><packageSources><clear /><add key="local" value="{packages}" /></packageSources></configuration>""");
            var tools = Path.Combine(root, "tools");
            // A packages folder of its own, so that a bluxq 1.0.0 unpacked by an earlier run is never the one installed.
            var isolated = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(root, "nuget-packages") };
            var install = await RunAsync("dotnet", root, isolated, "tool", "install", "bluxq", "--tool-path", tools, "--configfile", config, "--version", "1.0.0");
            install.Code.Should().Be(0, install.Output);

            var bluxq = Path.Combine(tools, "bluxq");
            var environment = new Dictionary<string, string>
            {
                ["BLUXQ_CONFIG_DIR"] = Path.Combine(root, "config"),
                ["DOTNET_ROOT"] = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..")),
            };
            var version = await RunAsync(bluxq, root, environment, "--version");
            version.Code.Should().Be(0, version.Output);
            version.Output.Should().StartWith("1.0.0");

            var data = Path.Combine(root, "data");
            Directory.CreateDirectory(data);
            await using var host = await HostProcess.StartAsync(data);
            environment["BLUXQ_ADDR"] = host.BaseUrl;
            var login = await RunAsync(bluxq, root, environment, "auth", "login", "--client-id", "admin", "--client-secret-file", Path.Combine(data, "bootstrap-admin.json"));
            login.Code.Should().Be(0, login.Output);
            var submit = await RunAsync(bluxq, root, environment, "task", "submit", "--type", "echo", "--wait", "10", "-o", "json");
            submit.Code.Should().Be(0, submit.Output);
            submit.Output.Should().Contain("\"status\": \"completed\"");
        }
        finally
        {
            TestDirectory.Delete(root);
        }
    }

    private static async Task<(int Code, string Output)> RunAsync(string file, string directory, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = directory };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var (code, output, error) = await HostProcess.RunToExitAsync(info, TimeSpan.FromMinutes(5));
        return (code, output + error);
    }
}
