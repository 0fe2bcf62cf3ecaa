using System.CommandLine;
using System.Text.Json.Nodes;
using Blux.Cli.Output;

namespace Blux.Cli.Commands;

/// <summary><c>bluxq validate</c> and <c>bluxq reflect</c>: what Guard and Ca would say of a task, without running it.</summary>
internal static class DryRunCommands
{
    public static Command Validate(CliEnvironment environment)
    {
        var file = new Option<FileInfo>("--file", "-f") { Description = "The task request", Required = true };
        var validate = CommandFactory.Create("validate", "Guard's decision on a task request, nothing run or kept. Exit 0 allow, 3 deny, 5 require_approval.",
            "bluxq validate --file task.json");
        validate.Options.Add(file);
        validate.Run(environment, async (run, cancellationToken) =>
        {
            var (_, decision) = await run.Client.SendJsonAsync(HttpMethod.Post, "/v1/validate", TaskCommands.ReadObject(run.Value(file), "task request"), cancellationToken);
            if (run.Output.IsTable)
            {
                run.Output.Fields([
                    ("decision", Renderer.Text(decision?["decision"])),
                    ("doctrine_flags", Renderer.Text(decision?["doctrine_flags"])),
                    ("requirements", decision?["effective_requirements"]?.ToJsonString()),
                    ("doctrine", $"v{Renderer.Text(decision?["doctrine_version"])} {Renderer.Text(decision?["doctrine_digest"])}"),
                ]);
                foreach (var reason in decision?["reasons"] as JsonArray ?? [])
                {
                    var rule = Renderer.Text(reason?["rule_id"]) is { } id ? $" ({id})" : string.Empty;
                    run.Output.Out.WriteLine($"  {Renderer.Text(reason?["code"])}{rule}: {Renderer.Text(reason?["message"])}");
                }
            }
            else
            {
                run.Output.Json(decision);
            }

            return Renderer.Text(decision?["decision"]) switch
            {
                "deny" => ExitCodes.RefusedByDoctrine,
                "require_approval" => ExitCodes.HeldForApproval,
                _ => ExitCodes.Ok,
            };
        });
        return validate;
    }

    public static Command Reflect(CliEnvironment environment)
    {
        var file = new Option<FileInfo>("--file", "-f") { Description = "The task request", Required = true };
        var reflect = CommandFactory.Create("reflect", "Ca's reflection note on a task request (risk, recommendation, factors), nothing run or kept.",
            "bluxq reflect --file task.json");
        reflect.Options.Add(file);
        reflect.Run(environment, async (run, cancellationToken) =>
        {
            var (_, note) = await run.Client.SendJsonAsync(HttpMethod.Post, "/v1/reflect", TaskCommands.ReadObject(run.Value(file), "task request"), cancellationToken);
            if (run.Output.IsTable)
            {
                run.Output.Fields([
                    ("risk", $"{Renderer.Text(note?["risk"])} ({Renderer.Text(note?["risk_score"])})"),
                    ("recommendation", Renderer.Text(note?["recommendation"])),
                    ("confidence", Renderer.Text(note?["confidence"])),
                    ("insight", Renderer.Text(note?["insight"])),
                ]);
                run.Output.Table(["factor", "value", "weight", "explanation"],
                    (note?["factors"] as JsonArray ?? []).Select(f => (IReadOnlyList<string?>)[Renderer.Text(f?["name"]), Renderer.Text(f?["value"]), Renderer.Text(f?["weight"]), Renderer.Text(f?["explanation"])]));
            }
            else
            {
                run.Output.Json(note);
            }

            return ExitCodes.Ok;
        });
        return reflect;
    }
}
