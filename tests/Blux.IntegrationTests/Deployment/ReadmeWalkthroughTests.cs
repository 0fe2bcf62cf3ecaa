using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Blux.IntegrationTests.Infrastructure;
using Blux.IntegrationTests.Lite;

namespace Blux.IntegrationTests.Deployment;

/// <summary>
/// The README's walkthrough, as a new user runs it: its bash blocks, in order, in one bash with curl,
/// in the directory Blux was started from with the README's command on an empty data directory. Each
/// step's output must have the shape of the sample the README shows after it: the status code, the
/// field names, the values that do not change from run to run (statuses, error codes, the kind of
/// audit id, the audit sequence numbers, the verify counts).
/// </summary>
[Collection(DeploymentCollection.Name)]
public sealed partial class ReadmeWalkthroughTests : IDisposable
{
    private const string ReadmeUrl = "http://127.0.0.1:8080";
    private const string StepMark = "@@STEP ";
    private const string StatusMark = "@@HTTP ";

    /// <summary>The values that are the same on every run, compared in the order they appear.</summary>
    private static readonly string[] StableKeys =
        ["status", "code", "issue", "field", "operation", "valid", "checked", "seq", "token_type", "expires_in", "type", "event_type", "selected_route", "first_failure"];

    private readonly string _root = TestDirectory.New();

    [Fact]
    public async Task Every_step_of_the_readme_walkthrough_answers_as_the_readme_shows()
    {
        var steps = Steps(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "README.md")));
        steps.Should().HaveCountGreaterThan(8, "the walkthrough is read whole");
        var baseUrl = $"http://127.0.0.1:{HostProcess.FreePort()}";

        await using var host = await HostProcess.StartAsync(FirstRunTests.DotnetRun(_root, baseUrl), baseUrl);
        var bootstrap = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_root, "data", "bootstrap-admin.json")))!.AsObject();
        bootstrap.Select(p => p.Key).Should().Equal("client_id", "client_secret");
        bootstrap["client_id"]!.GetValue<string>().Should().Be("admin");

        var (outputs, statuses) = await RunAsync(steps.Select(s => s.Script.Replace(ReadmeUrl, baseUrl, StringComparison.Ordinal)).ToArray());

        for (var i = 0; i < steps.Count; i++)
        {
            var because = $"step {i + 1} of the walkthrough:{Environment.NewLine}{steps[i].Script}{Environment.NewLine}answered:{Environment.NewLine}{outputs[i]}";
            var expected = ExpectedStatus(steps[i].Sample);
            statuses[i].Where(code => code != expected).Should().BeEmpty($"every request answers {expected}: {because}");
            if (steps[i].Sample is not { } sample)
            {
                outputs[i].Should().BeEmpty(because);
                continue;
            }

            var output = JsonNode.Parse(outputs[i])!;
            Names(output).Should().Contain(FieldNames(sample), because);
            foreach (var key in StableKeys)
            {
                Values(outputs[i], key).Should().ContainInOrder(Values(sample, key), $"the values of {key}: {because}");
            }

            AuditIdKinds(outputs[i]).Should().ContainInOrder(AuditIdKinds(sample), $"the kinds of audit_id: {because}");
        }
    }

    public void Dispose() => TestDirectory.Delete(_root);

    /// <summary>The bash blocks between "A first task, end to end" and the next section, each with the JSON sample that follows it, if any.</summary>
    private static List<(string Script, string? Sample)> Steps(string readme)
    {
        var start = readme.IndexOf("## A first task, end to end", StringComparison.Ordinal);
        var walkthrough = readme[start..readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal)];
        var steps = new List<(string Script, string? Sample)>();
        foreach (Match block in FencedBlock().Matches(walkthrough))
        {
            if (block.Groups["language"].Value == "bash")
            {
                steps.Add((block.Groups["body"].Value, null));
            }
            else if (steps.Count > 0)
            {
                steps[^1].Sample.Should().BeNull("one sample follows each step");
                steps[^1] = (steps[^1].Script, block.Groups["body"].Value);
            }
        }

        return steps;
    }

    /// <summary>
    /// Runs the steps in one bash, in the directory Blux was started from; each curl also writes its
    /// status code to standard error. Answers each step's output and status codes.
    /// </summary>
    private async Task<(string[] Outputs, List<int>[] Statuses)> RunAsync(string[] scripts)
    {
        var script = new StringBuilder("curl() { command curl -w '%{stderr}" + StatusMark + "%{http_code}\\n' \"$@\"; }\n");
        for (var i = 0; i < scripts.Length; i++)
        {
            script.Append("echo; echo '").Append(StepMark).Append(i).Append("'; echo '").Append(StepMark).Append(i).Append("' >&2\n").Append(scripts[i]);
        }

        var path = Path.Combine(_root, "walkthrough.sh");
        await File.WriteAllTextAsync(path, script.Append("echo\n").ToString());
        var info = new ProcessStartInfo("bash") { WorkingDirectory = _root };
        info.ArgumentList.Add(path);
        var (_, standardOutput, standardError) = await HostProcess.RunToExitAsync(info, TimeSpan.FromMinutes(2));

        var outputs = new string[scripts.Length];
        var statuses = new List<int>[scripts.Length];
        var step = -1;
        var text = new StringBuilder();
        foreach (var line in standardOutput.Split('\n'))
        {
            if (line.StartsWith(StepMark, StringComparison.Ordinal))
            {
                step = int.Parse(line[StepMark.Length..], System.Globalization.CultureInfo.InvariantCulture);
                text.Clear();
            }
            else if (step >= 0)
            {
                text.Append(line).Append('\n');
                outputs[step] = text.ToString().Trim();
            }
        }

        step = -1;
        foreach (var line in standardError.Split('\n'))
        {
            if (line.StartsWith(StepMark, StringComparison.Ordinal))
            {
                step = int.Parse(line[StepMark.Length..], System.Globalization.CultureInfo.InvariantCulture);
                statuses[step] = [];
            }
            else if (line.StartsWith(StatusMark, StringComparison.Ordinal))
            {
                statuses[step].Add(int.Parse(line[StatusMark.Length..], System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return (outputs.Select(o => o ?? string.Empty).ToArray(), statuses);
    }

    private static int ExpectedStatus(string? sample) => sample switch
    {
        null => 200,
        _ when sample.Contains("\"code\":\"CONFLICT\"", StringComparison.Ordinal) => 409,
        _ when sample.Contains("\"code\":\"VALIDATION_FAILED\"", StringComparison.Ordinal) => 400,
        _ when sample.Contains("\"status\":\"accepted\"", StringComparison.Ordinal) => 202,
        _ => 200,
    };

    private static IEnumerable<string> FieldNames(string sample) =>
        FieldName().Matches(sample).Select(m => m.Groups[1].Value).Distinct();

    private static HashSet<string> Names(JsonNode? node)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        Collect(node);
        return names;

        void Collect(JsonNode? current)
        {
            if (current is JsonObject o)
            {
                foreach (var (name, value) in o)
                {
                    names.Add(name);
                    Collect(value);
                }
            }
            else if (current is JsonArray a)
            {
                foreach (var item in a)
                {
                    Collect(item);
                }
            }
        }
    }

    /// <summary>The values of a key as written (strings without their quotes), in order; values cut with … are left out.</summary>
    private static List<string> Values(string json, string key) =>
        Regex.Matches(json, $"\"{key}\":\\s*(\"[^\"]*\"|[^,}}\\]\\s]+)")
            .Select(m => m.Groups[1].Value.Trim('"'))
            .Where(v => !v.Contains('…', StringComparison.Ordinal))
            .ToList();

    private static List<string> AuditIdKinds(string json) =>
        Values(json, "audit_id").Select(v => v.StartsWith("aud_err_", StringComparison.Ordinal) ? "aud_err_" : v.StartsWith("aud_", StringComparison.Ordinal) ? "aud_" : v).ToList();

    [GeneratedRegex("```(?<language>[a-z]+)\\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex FencedBlock();

    [GeneratedRegex("\"([a-z_]+)\"\\s*:")]
    private static partial Regex FieldName();
}
