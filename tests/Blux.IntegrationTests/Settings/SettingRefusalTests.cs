using System.Text.RegularExpressions;
using Blux.IntegrationTests.Deployment;
using Blux.IntegrationTests.Infrastructure;
using Blux.IntegrationTests.Lite;
using Blux.SharedKernel.Settings;

namespace Blux.IntegrationTests.Settings;

/// <summary>
/// Every setting docs/operations.md documents has an entry in <see cref="DocumentedSettings"/>, and a
/// value Blux cannot work with stops the start: one line on standard error that names the setting by
/// the name it was given, shows the value, says what is allowed; exit code 1; nothing written.
/// </summary>
[Collection(DeploymentCollection.Name)]
public sealed partial class SettingRefusalTests : IDisposable
{
    private readonly string _root = TestDirectory.New();

    public static TheoryData<string> Refusable() => new(DocumentedSettings.All.Where(s => s.Invalid is not null).Select(s => s.Name));

    [Fact]
    public void Every_documented_setting_has_an_entry_and_every_entry_is_documented()
    {
        var documented = Documented().ToArray();

        documented.Should().Contain(["BLUX_ENV", "Blux:Lite:Workers", "Blux:Lite:RetryJitterSeconds", "Blux:Lite:MaxScriptRecursion"], "the table is read whole");
        DocumentedSettings.All.Select(s => s.Name).Should().BeEquivalentTo(documented);
        documented.Should().Contain(SettingAliases.All.SelectMany(a => new[] { a.Alias, a.Key }), "every flat name and its key are documented");
        DocumentedSettings.All.Where(s => s.Invalid is null).Should().OnlyContain(s => s.RefusedElsewhere != null, "a setting without a value refused here says where, or why there is none");
    }

    [Theory]
    [MemberData(nameof(Refusable))]
    public async Task An_invalid_value_stops_the_start_with_one_line_naming_the_setting(string name)
    {
        var setting = DocumentedSettings.All.Single(s => s.Name == name);
        var dataPath = Path.Combine(_root, "data");
        Directory.CreateDirectory(dataPath);
        var file = Path.Combine(_root, "a-file");
        await File.WriteAllTextAsync(file, "not a directory");
        using var busy = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        busy.Start();
        var value = setting.Invalid!
            .Replace("{file}", file, StringComparison.Ordinal)
            .Replace("{dir}", _root, StringComparison.Ordinal)
            .Replace("{busy}", $"http://127.0.0.1:{((System.Net.IPEndPoint)busy.LocalEndpoint).Port}", StringComparison.Ordinal);
        var key = setting.Name.Replace("<name>", "hook", StringComparison.Ordinal);
        var environment = new Dictionary<string, string>(setting.Extra ?? new Dictionary<string, string>()) { [key.Replace(":", "__", StringComparison.Ordinal)] = value };
        var arguments = key == "Blux:Listen" ? [] : new[] { "--urls", $"http://127.0.0.1:{HostProcess.FreePort()}" };
        var info = HostProcess.StartInfo(dataPath, environment, arguments);
        if (SettingAliases.All.FirstOrDefault(a => a.Key == key).Alias is { } alias)
        {
            // The key alone: its flat name, which the helper sets and which would win, is left out.
            info.Environment.Remove(alias);
        }

        var (exitCode, standardOutput, standardError) = await HostProcess.RunToExitAsync(info);

        exitCode.Should().Be(1, standardOutput + standardError);
        var line = standardError.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().ContainSingle().Subject;
        line.Should().StartWith($"Blux cannot start: {key}");
        if (setting.EchoesValue)
        {
            line.Should().StartWith($"Blux cannot start: {key} is '{value}': ").And.EndWith(".");
        }

        standardOutput.Should().BeEmpty("nothing is logged before the settings are known to be good");
        Directory.EnumerateFileSystemEntries(dataPath).Should().BeEmpty("nothing is written before the settings are known to be good");
    }

    public void Dispose() => TestDirectory.Delete(_root);

    /// <summary>The names in the first column of the Configuration table; a bare name is a sibling of the one before it.</summary>
    private static IEnumerable<string> Documented()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "operations.md"));
        var table = text[text.IndexOf("## Configuration", StringComparison.Ordinal)..text.IndexOf("## TLS and mutual TLS", StringComparison.Ordinal)];
        foreach (var row in table.Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal)))
        {
            string? previous = null;
            foreach (Match name in FirstCellName().Matches(row.Split('|')[1]))
            {
                var value = name.Groups[1].Value.Split(' ')[0];
                previous = value.Contains(':', StringComparison.Ordinal) || value.StartsWith("BLUX_", StringComparison.Ordinal) || value.StartsWith("--", StringComparison.Ordinal) || previous is null
                    ? value
                    : previous[..(previous.LastIndexOf(':') + 1)] + value;
                yield return previous;
            }
        }
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex FirstCellName();
}
