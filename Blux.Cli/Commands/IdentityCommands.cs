using System.CommandLine;
using System.Text.Json.Nodes;
using Blux.Cli.Output;

namespace Blux.Cli.Commands;

/// <summary><c>bluxq identities create|list|show|disable|secret</c>.</summary>
internal static class IdentityCommands
{
    public static Command Build(CliEnvironment environment)
    {
        var id = new Option<string?>("--id") { Description = "The id (default: generated user_… or svc_…)" };
        var kind = new Option<string>("--kind") { Description = "user or service", Required = true };
        kind.AcceptOnlyFromAmong("user", "service");
        var name = new Option<string>("--name") { Description = "display_name", Required = true };
        var roles = new Option<string[]>("--role") { Description = "A role (repeat for more)", Required = true, AllowMultipleArgumentsPerToken = false };
        var create = CommandFactory.Create("create", "Create an identity; its client secret is printed once (stdout), keep it.",
            "bluxq identities create --kind service --name \"Ingest pipeline\" --role service --id svc_ingest",
            "bluxq identities create --kind user --name Alice --role approver -o json | jq -r .client_secret > alice.secret")
            .With(id, kind, name, roles)
            .Run(environment, async (run, cancellationToken) =>
        {
            var body = new JsonObject { ["kind"] = run.Value(kind), ["display_name"] = run.Value(name), ["roles"] = new JsonArray([.. run.Value(roles).Select(r => (JsonNode?)r)]) };
            if (run.Value(id) is { } wanted)
            {
                body["id"] = wanted;
            }

            var (_, created) = await run.Client.SendJsonAsync(HttpMethod.Post, "/v1/identities", body, cancellationToken);
            ShowOne(run, created);
            if (run.Output.IsTable)
            {
                run.Output.Message("The client_secret is shown this once.");
            }

            return ExitCodes.Ok;
        });

        var list = CommandFactory.Create("list", "Every identity.", "bluxq identities list -o jsonl")
            .Run(environment, async (run, cancellationToken) =>
        {
            var body = await run.Client.GetJsonAsync("/v1/identities", cancellationToken);
            run.Output.List(body, body?["identities"] as JsonArray ?? [], ListColumns);
            return ExitCodes.Ok;
        });

        return CommandFactory.Create("identities", "Users and services: create, list, show, disable, new secret.",
            "bluxq identities create --kind user --name \"Alice\" --role approver --id user_alice",
            "bluxq identities list").With(
            create,
            list,
            OnOne(environment, "show", "One identity with its request-signing keys.", HttpMethod.Get, string.Empty, "bluxq identities show svc_ingest"),
            OnOne(environment, "disable", "Disable an identity: its tokens stop working at once.", HttpMethod.Post, "/disable", "bluxq identities disable user_alice"),
            OnOne(environment, "secret", "A new client secret (the old one stops working), printed once.", HttpMethod.Post, "/secret", "bluxq identities secret svc_ingest -o json | jq -r .client_secret"));
    }

    private static readonly IReadOnlyList<Column> ListColumns =
    [
        .. Column.Fields("id", "kind", "display_name", "roles", "status"),
        new("keys", i => (i?["keys"] as JsonArray)?.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Column.Field("created_at"),
    ];

    private static Command OnOne(CliEnvironment environment, string name, string description, HttpMethod method, string suffix, string example)
    {
        var id = new Argument<string>("identity") { Description = "The identity's id" };
        return CommandFactory.Create(name, description, example)
            .With(id)
            .Run(environment, async (run, cancellationToken) =>
        {
            var (_, body) = await run.Client.SendJsonAsync(method, $"/v1/identities/{Uri.EscapeDataString(run.Value(id))}{suffix}", null, cancellationToken);
            ShowOne(run, body);
            return ExitCodes.Ok;
        });
    }

    private static void ShowOne(Invocation run, JsonNode? identity) =>
        run.Output.Show(identity, () => run.Output.Fields((identity as JsonObject ?? []).Select(p => (p.Key, p.Key == "keys"
            ? string.Join(", ", (p.Value as JsonArray ?? []).Select(k => Renderer.Text(k?["kid"])))
            : Renderer.Text(p.Value)))));
}
