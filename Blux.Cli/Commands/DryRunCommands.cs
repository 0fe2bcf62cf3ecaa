using System.CommandLine;
using System.Text.Json.Nodes;
using Blux.Cli.Output;

namespace Blux.Cli.Commands;

/// <summary><c>bluxq validate</c> and <c>bluxq reflect</c>: what Guard and Ca would say of a task, without running it.</summary>
internal static class DryRunCommands
{
    public static Command Validate(CliEnvironment environment) => DryRun(environment, "validate", "/v1/validate",
        "Guard's decision on a task request, nothing run or kept. Exit 0 allow, 3 deny, 5 require_approval.",
        (output, decision) =>
        {
            output.Show(decision, () =>
            {
                output.Fields([
                    ("decision", Renderer.Text(decision?["decision"])),
                    ("doctrine_flags", Renderer.Text(decision?["doctrine_flags"])),
                    ("requirements", decision?["effective_requirements"]?.ToJsonString()),
                    ("doctrine", $"v{Renderer.Text(decision?["doctrine_version"])} {Renderer.Text(decision?["doctrine_digest"])}"),
                ]);
                foreach (var reason in decision?["reasons"] as JsonArray ?? [])
                {
                    var rule = Renderer.Text(reason?["rule_id"]) is { } id ? $" ({id})" : string.Empty;
                    output.Out.WriteLine($"  {Renderer.Text(reason?["code"])}{rule}: {Renderer.Text(reason?["message"])}");
                }
            });
            return Renderer.Text(decision?["decision"]) switch
            {
                "deny" => ExitCodes.RefusedByDoctrine,
                "require_approval" => ExitCodes.HeldForApproval,
                _ => ExitCodes.Ok,
            };
        });

    public static Command Reflect(CliEnvironment environment) => DryRun(environment, "reflect", "/v1/reflect",
        "Ca's reflection note on a task request (risk, recommendation, factors), nothing run or kept.",
        (output, note) =>
        {
            output.Show(note, () =>
            {
                output.Fields([
                    ("risk", $"{Renderer.Text(note?["risk"])} ({Renderer.Text(note?["risk_score"])})"),
                    ("recommendation", Renderer.Text(note?["recommendation"])),
                    ("confidence", Renderer.Text(note?["confidence"])),
                    ("insight", Renderer.Text(note?["insight"])),
                ]);
                output.Table([Column.Field("factor", "name"), .. Column.Fields("value", "weight", "explanation")], note?["factors"] as JsonArray ?? []);
            });
            return ExitCodes.Ok;
        });

    /// <summary><c>bluxq NAME --file task.json</c>: the task request posted to <paramref name="path"/>, the answer shown, its exit code.</summary>
    private static Command DryRun(CliEnvironment environment, string name, string path, string description, Func<Renderer, JsonNode?, int> show)
    {
        var file = CommonOptions.File("The task request");
        return CommandFactory.Create(name, description, $"bluxq {name} --file task.json")
            .With(file)
            .Run(environment, async (run, cancellationToken) =>
        {
            var (_, answer) = await run.Client.SendJsonAsync(HttpMethod.Post, path, RequestParts.ReadObject(run.Value(file), "task request"), cancellationToken);
            return show(run.Output, answer);
        });
    }
}
