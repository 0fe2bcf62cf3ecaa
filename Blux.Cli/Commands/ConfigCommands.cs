using System.CommandLine;
using System.Text.Json.Nodes;
using Blux.Cli.Config;

namespace Blux.Cli.Commands;

/// <summary><c>bluxq config set|get|list|use</c>: named profiles in the user's config folder.</summary>
internal static class ConfigCommands
{
    public static Command Build(CliEnvironment environment)
    {
        var key = new Argument<string>("key") { Description = "One of: " + string.Join(", ", ProfileStore.Keys.Keys) };
        key.AcceptOnlyFromAmong([.. ProfileStore.Keys.Keys]);
        var value = new Argument<string>("value") { Description = "The value" };
        var set = CommandFactory.Create("set", "Set a setting of the profile (--profile, else the current one).",
            "bluxq config set addr http://127.0.0.1:8080",
            "bluxq config set client_id svc_ingest --profile ingest")
            .With(key, value)
            .Run(environment, run =>
        {
            if (run.Value(key) == "output" && run.Value(value) is not ("table" or "json" or "jsonl"))
            {
                throw new CliException("output is one of table, json, jsonl.", ExitCodes.Usage);
            }

            run.Store.Set(run.Settings.Profile, run.Value(key), run.Value(value));
            run.Output.Message($"{run.Settings.Profile}: {run.Value(key)} = {run.Value(value)}");
            return ExitCodes.Ok;
        });

        var getKey = new Argument<string>("key") { Description = "The setting to read" };
        getKey.AcceptOnlyFromAmong([.. ProfileStore.Keys.Keys]);
        var get = CommandFactory.Create("get", "Print a setting of the profile as stored (exit 1 when it is not set).",
            "bluxq config get addr")
            .With(getKey)
            .Run(environment, run =>
        {
            var stored = run.Store.Get(run.Settings.Profile, run.Value(getKey));
            if (stored is null)
            {
                run.Output.Message($"{run.Value(getKey)} is not set in profile '{run.Settings.Profile}'.");
                return ExitCodes.Error;
            }

            run.Output.Out.WriteLine(stored);
            return ExitCodes.Ok;
        });

        var list = CommandFactory.Create("list", "Every profile and its settings; * marks the current one.",
            "bluxq config list -o json")
            .Run(environment, run =>
        {
            var stored = run.Store.Load();
            var current = run.Store.Current(stored) ?? ProfileStore.DefaultProfile;
            var profiles = (JsonObject)stored["profiles"]!;
            run.Output.Show(new JsonObject { ["current"] = current, ["profiles"] = profiles.DeepClone() }, () => run.Output.Table(
                ["", "profile", "setting", "value"],
                profiles.SelectMany(p => ((p.Value as JsonObject) ?? []).Select(s => (IReadOnlyList<string?>)
                    [p.Key == current ? "*" : string.Empty, p.Key, s.Key, Output.Renderer.Text(s.Value)]))));
            return ExitCodes.Ok;
        });

        var name = new Argument<string>("profile") { Description = "The profile to make current" };
        var use = CommandFactory.Create("use", "Make a profile the current one.", "bluxq config use prod")
            .With(name)
            .Run(environment, run =>
        {
            ProfileStore.CheckName(run.Value(name));
            var stored = run.Store.Load();
            stored["current"] = run.Value(name);
            if (stored["profiles"]![run.Value(name)] is null)
            {
                ((JsonObject)stored["profiles"]!)[run.Value(name)] = new JsonObject();
            }

            run.Store.Save(stored);
            run.Output.Message($"Now using profile '{run.Value(name)}'.");
            return ExitCodes.Ok;
        });

        return CommandFactory.Create("config", "Profiles: address, client id, TLS files, signing key.",
            "bluxq config set addr https://blux.example:8443 --profile prod",
            "bluxq config use prod",
            "bluxq config list")
            .With(set, get, list, use);
    }
}
