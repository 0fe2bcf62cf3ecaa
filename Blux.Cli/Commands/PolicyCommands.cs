using System.CommandLine;
using System.Text.Json.Nodes;
using Blux.Cli.Output;

namespace Blux.Cli.Commands;

/// <summary><c>bluxq policies show|history|diff|put</c>: the doctrine.</summary>
internal static class PolicyCommands
{
    public static Command Build(CliEnvironment environment)
    {
        var show = CommandFactory.Create("show", "The doctrine in force with its digest.", "bluxq policies show -o json > doctrine.json")
            .Run(environment, async (run, cancellationToken) =>
        {
            var doctrine = await run.Client.GetJsonAsync("/v1/policies", cancellationToken);
            run.Output.Show(doctrine, () =>
            {
                run.Output.Fields([
                    ("doctrine_version", Renderer.Text(doctrine?["doctrine_version"])),
                    ("effective_date", Renderer.Text(doctrine?["effective_date"])),
                    ("digest", Renderer.Text(doctrine?["digest"])),
                    ("default_effect", Renderer.Text(doctrine?["default_effect"])),
                    ("flags", string.Join(" ", (doctrine?["flags"] as JsonObject ?? []).Where(f => f.Value?.GetValueKind() == System.Text.Json.JsonValueKind.True).Select(f => f.Key))),
                    ("constraints", doctrine?["constraints"]?.ToJsonString()),
                ]);
                run.Output.Table(RuleColumns, doctrine?["rules"] as JsonArray ?? []);
            });
            return ExitCodes.Ok;
        });

        var history = CommandFactory.Create("history", "Every doctrine version applied, with digest, time and who.", "bluxq policies history")
            .Run(environment, async (run, cancellationToken) =>
        {
            var body = await run.Client.GetJsonAsync("/v1/policies/history", cancellationToken);
            run.Output.Show(body, () => run.Output.Table(
                [Column.Field("version", "doctrine_version"), .. Column.Fields("digest", "applied_at", "applied_by")], body?["entries"] as JsonArray ?? []));
            return ExitCodes.Ok;
        });

        var from = new Option<FileInfo?>("--from") { Description = "The older doctrine (default: the one in force)" };
        var to = new Option<FileInfo>("--to") { Description = "The newer doctrine (a file)", Required = true };
        var diff = CommandFactory.Create("diff", "What changes between two doctrines (default: the one in force and a file). Exit 0 when equal, 1 when they differ.",
            "bluxq policies diff --to doctrine-v2.json",
            "bluxq policies diff --from doctrine-v1.json --to doctrine-v2.json")
            .With(from, to)
            .Run(environment, async (run, cancellationToken) =>
        {
            var before = run.Value(from) is { } older ? RequestParts.ReadObject(older, "doctrine") : await InForce(run, cancellationToken);
            var lines = JsonDiff.Lines(WithoutDigest(before), WithoutDigest(RequestParts.ReadObject(run.Value(to), "doctrine")));
            Show(run, lines);
            return lines.Count == 0 ? ExitCodes.Ok : ExitCodes.Error;
        });

        var file = CommonOptions.File("The whole new doctrine (JSON, doctrine_version above the one in force)");
        var dryRun = new Option<bool>("--dry-run") { Description = "Show what would change and check the version; send nothing" };
        var put = CommandFactory.Create("put", "Replace the doctrine (scope policies:write); --dry-run shows the change first.",
            "bluxq policies put --file doctrine-v2.json --dry-run",
            "bluxq policies put --file doctrine-v2.json")
            .With(file, dryRun)
            .Run(environment, async (run, cancellationToken) =>
        {
            var next = RequestParts.ReadObject(run.Value(file), "doctrine");
            if (run.Value(dryRun))
            {
                var current = await InForce(run, cancellationToken);
                Show(run, JsonDiff.Lines(WithoutDigest(current), WithoutDigest(next)));
                var currentVersion = current["doctrine_version"]?.GetValue<long>() ?? 0;
                var nextVersion = next["doctrine_version"] is JsonValue v && v.TryGetValue<long>(out var n) ? n : (long?)null;
                if (nextVersion is null || nextVersion <= currentVersion)
                {
                    run.Output.Message($"Blux would refuse it: doctrine_version must be above {currentVersion} (409 not_monotonic).");
                    return ExitCodes.Error;
                }

                run.Output.Message($"Dry run: nothing sent. Blux checks the rest (rules, scopes, roles) when it is put.");
                return ExitCodes.Ok;
            }

            var (_, applied) = await run.Client.SendJsonAsync(HttpMethod.Put, "/v1/policies", next, cancellationToken);
            run.Output.Show(applied, () => run.Output.Message($"Doctrine version {Renderer.Text(applied?["doctrine_version"])} is in force, digest {Renderer.Text(applied?["digest"])}."));
            return ExitCodes.Ok;
        });

        return CommandFactory.Create("policies", "The doctrine: show it, its history, diff a new version against it, put it.",
            "bluxq policies show", "bluxq policies put --file doctrine-v2.json --dry-run")
            .With(show, history, diff, put);
    }

    /// <summary>A rule's match and requirements are shown as the JSON the doctrine holds.</summary>
    private static readonly IReadOnlyList<Column> RuleColumns =
        [Column.Field("rule", "id"), Column.Field("effect"), new("match", r => r?["match"]?.ToJsonString()), new("require", r => r?["require"]?.ToJsonString())];

    private static async Task<JsonObject> InForce(Invocation run, CancellationToken cancellationToken) =>
        await run.Client.GetJsonAsync("/v1/policies", cancellationToken) as JsonObject ?? throw new CliException("Blux answered /v1/policies without an object.");

    private static JsonObject WithoutDigest(JsonObject doctrine)
    {
        var copy = (JsonObject)doctrine.DeepClone();
        copy.Remove("digest");
        return copy;
    }

    private static void Show(Invocation run, IReadOnlyList<string> lines)
    {
        if (run.Output.IsTable)
        {
            foreach (var line in lines)
            {
                run.Output.Out.WriteLine(line);
            }

            if (lines.Count == 0)
            {
                run.Output.Message("No change.");
            }
        }
        else
        {
            run.Output.Items(lines.Select(l => (JsonNode?)JsonValue.Create(l)));
        }
    }
}
