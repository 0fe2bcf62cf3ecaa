using System.CommandLine;
using System.Text.Json.Nodes;
using Blux.Cli.Output;

namespace Blux.Cli.Commands;

/// <summary><c>bluxq policies show|history|diff|put</c>: the doctrine.</summary>
internal static class PolicyCommands
{
    public static Command Build(CliEnvironment environment)
    {
        var policies = CommandFactory.Create("policies", "The doctrine: show it, its history, diff a new version against it, put it.",
            "bluxq policies show", "bluxq policies put --file doctrine-v2.json --dry-run");

        var show = CommandFactory.Create("show", "The doctrine in force with its digest.", "bluxq policies show -o json > doctrine.json");
        show.Run(environment, async (run, cancellationToken) =>
        {
            var doctrine = await run.Client.GetJsonAsync("/v1/policies", cancellationToken);
            if (!run.Output.IsTable)
            {
                run.Output.Json(doctrine);
                return ExitCodes.Ok;
            }

            run.Output.Fields([
                ("doctrine_version", Renderer.Text(doctrine?["doctrine_version"])),
                ("effective_date", Renderer.Text(doctrine?["effective_date"])),
                ("digest", Renderer.Text(doctrine?["digest"])),
                ("default_effect", Renderer.Text(doctrine?["default_effect"])),
                ("flags", string.Join(" ", (doctrine?["flags"] as JsonObject ?? []).Where(f => f.Value?.GetValueKind() == System.Text.Json.JsonValueKind.True).Select(f => f.Key))),
                ("constraints", doctrine?["constraints"]?.ToJsonString()),
            ]);
            run.Output.Table(["rule", "effect", "match", "require"],
                (doctrine?["rules"] as JsonArray ?? []).Select(r => (IReadOnlyList<string?>)[Renderer.Text(r?["id"]), Renderer.Text(r?["effect"]), r?["match"]?.ToJsonString(), r?["require"]?.ToJsonString()]));
            return ExitCodes.Ok;
        });

        var history = CommandFactory.Create("history", "Every doctrine version applied, with digest, time and who.", "bluxq policies history");
        history.Run(environment, async (run, cancellationToken) =>
        {
            var body = await run.Client.GetJsonAsync("/v1/policies/history", cancellationToken);
            if (run.Output.IsTable)
            {
                run.Output.Table(["version", "digest", "applied_at", "applied_by"],
                    (body?["entries"] as JsonArray ?? []).Select(e => (IReadOnlyList<string?>)[Renderer.Text(e?["doctrine_version"]), Renderer.Text(e?["digest"]), Renderer.Text(e?["applied_at"]), Renderer.Text(e?["applied_by"])]));
            }
            else
            {
                run.Output.Json(body);
            }

            return ExitCodes.Ok;
        });

        var from = new Option<FileInfo?>("--from") { Description = "The older doctrine (default: the one in force)" };
        var to = new Option<FileInfo>("--to") { Description = "The newer doctrine (a file)", Required = true };
        var diff = CommandFactory.Create("diff", "What changes between two doctrines (default: the one in force and a file). Exit 0 when equal, 1 when they differ.",
            "bluxq policies diff --to doctrine-v2.json",
            "bluxq policies diff --from doctrine-v1.json --to doctrine-v2.json");
        diff.Options.Add(from);
        diff.Options.Add(to);
        diff.Run(environment, async (run, cancellationToken) =>
        {
            var before = run.Value(from) is { } older ? TaskCommands.ReadObject(older, "doctrine") : await InForce(run, cancellationToken);
            var lines = JsonDiff.Lines(WithoutDigest(before), WithoutDigest(TaskCommands.ReadObject(run.Value(to), "doctrine")));
            Show(run, lines);
            return lines.Count == 0 ? ExitCodes.Ok : ExitCodes.Error;
        });

        var file = new Option<FileInfo>("--file", "-f") { Description = "The whole new doctrine (JSON, doctrine_version above the one in force)", Required = true };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show what would change and check the version; send nothing" };
        var put = CommandFactory.Create("put", "Replace the doctrine (scope policies:write); --dry-run shows the change first.",
            "bluxq policies put --file doctrine-v2.json --dry-run",
            "bluxq policies put --file doctrine-v2.json");
        put.Options.Add(file);
        put.Options.Add(dryRun);
        put.Run(environment, async (run, cancellationToken) =>
        {
            var next = TaskCommands.ReadObject(run.Value(file), "doctrine");
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
            if (run.Output.IsTable)
            {
                run.Output.Message($"Doctrine version {Renderer.Text(applied?["doctrine_version"])} is in force, digest {Renderer.Text(applied?["digest"])}.");
            }
            else
            {
                run.Output.Json(applied);
            }

            return ExitCodes.Ok;
        });

        policies.Subcommands.Add(show);
        policies.Subcommands.Add(history);
        policies.Subcommands.Add(diff);
        policies.Subcommands.Add(put);
        return policies;
    }

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
