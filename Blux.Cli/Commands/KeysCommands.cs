using System.CommandLine;
using System.Text.Json.Nodes;
using Blux.Cli.Crypto;
using Blux.Cli.Output;

namespace Blux.Cli.Commands;

/// <summary><c>bluxq keys generate|list|rotate|revoke</c>: your request-signing key, and Blux's signing keys.</summary>
internal static class KeysCommands
{
    public static Command Build(CliEnvironment environment)
    {
        return CommandFactory.Create("keys", "Your request-signing key; Blux's token and audit keys (list, rotate, revoke).",
            "bluxq keys generate", "bluxq keys list", "bluxq keys rotate --type audit_signing --reason \"quarterly\"")
            .With(Generate(environment), List(environment), Rotate(environment), Revoke(environment));
    }

    private static Command Generate(CliEnvironment environment)
    {
        var kid = new Option<string?>("--kid") { Description = "The key id to register (default bluxq-PROFILE-DATE-RANDOM)" };
        var file = new Option<string?>("--file") { Description = "Where to keep the private key (default: keys/ in the config folder), written 0600" };
        var identity = new Option<string?>("--identity") { Description = "The identity to register it on (default: the profile's client_id)" };
        return CommandFactory.Create("generate", "Make a P-521 key, keep it 0600, register its public JWK on the identity, and make it the profile's signing key.",
            "bluxq keys generate",
            "bluxq keys generate --kid ingest-2026-11 --identity svc_ingest")
            .With(kid, file, identity)
            .Run(environment, async (run, cancellationToken) =>
        {
            var owner = run.Value(identity) ?? run.Settings.ClientId
                ?? throw new CliException("Name the identity: --identity ID (or log in first).", ExitCodes.Usage);
            var keyId = run.Value(kid) ?? $"bluxq-{run.Settings.Profile}-{run.Environment.Time.GetUtcNow():yyyyMMdd}-{Guid.NewGuid().ToString("N")[..6]}";
            var path = Path.GetFullPath(run.Value(file) ?? Path.Combine(run.Environment.ConfigDirectory, "keys", $"{run.Settings.Profile}-{keyId}.pem"));
            if (File.Exists(path))
            {
                throw new CliException($"{path} exists; a key file is never overwritten.", ExitCodes.Usage);
            }

            using var key = SigningKey.Generate(keyId);
            key.Save(path);
            JsonNode? answer;
            try
            {
                (_, answer) = await run.Client.SendJsonAsync(HttpMethod.Post, $"/v1/identities/{Uri.EscapeDataString(owner)}/keys", new JsonObject { ["jwk"] = key.PublicJwk() }, cancellationToken);
            }
            catch
            {
                File.Delete(path);
                throw;
            }

            run.Store.Set(run.Settings.Profile, "signing_key", path);
            run.Store.Set(run.Settings.Profile, "signing_kid", Renderer.Text(answer?["kid"]) ?? keyId);
            var result = new JsonObject { ["kid"] = Renderer.Text(answer?["kid"]) ?? keyId, ["identity"] = owner, ["file"] = path, ["audit_id"] = answer?["audit_id"]?.DeepClone() };
            run.Output.Show(result, () =>
            {
                run.Output.Fields(result);
                run.Output.Message($"Profile '{run.Settings.Profile}' now signs with {result["kid"]}: bluxq task submit --sign.");
            });
            return ExitCodes.Ok;
        });
    }

    private static Command List(CliEnvironment environment)
    {
        var type = new Option<string?>("--type") { Description = "token_signing or audit_signing" };
        var status = new Option<string?>("--status") { Description = "pending, active, retired or revoked" };
        return CommandFactory.Create("list", "Blux's signing keys with type, status and dates (scope keys:rotate).",
            "bluxq keys list --type audit_signing")
            .With(type, status)
            .Run(environment, async (run, cancellationToken) =>
        {
            var body = await run.Client.GetJsonAsync("/v1/keys" + RequestParts.Query(("key_type", run.Value(type)), ("status", run.Value(status))), cancellationToken);
            run.Output.List(body, body?["keys"] as JsonArray ?? [],
                [Column.Field("key_id"), Column.Field("type", "key_type"), .. Column.Fields("status", "valid_after", "retired_at", "revoked_at", "verifies_until")]);
            return ExitCodes.Ok;
        });
    }

    private static Command Rotate(CliEnvironment environment)
    {
        var type = new Option<string>("--type") { Description = "token_signing or audit_signing", Required = true };
        type.AcceptOnlyFromAmong("token_signing", "audit_signing");
        var reason = CommonOptions.Reason(required: true);
        var validAfter = new Option<string?>("--valid-after") { Description = "RFC 3339 time the new key starts signing (default now)" };
        return CommandFactory.Create("rotate", "Make a new signing key of a type; the old one retires when it takes over.",
            "bluxq keys rotate --type token_signing --reason \"quarterly rotation\"",
            "bluxq keys rotate --type audit_signing --reason \"new HSM\" --valid-after 2026-12-01T00:00:00Z")
            .With(type, reason, validAfter)
            .Run(environment, async (run, cancellationToken) =>
        {
            var body = new JsonObject { ["key_type"] = run.Value(type), ["rotation_reason"] = run.Value(reason) };
            if (run.Value(validAfter) is { } after)
            {
                body["valid_after"] = after;
            }

            var (_, answer) = await run.Client.SendJsonAsync(HttpMethod.Post, "/v1/keys/rotate", body, cancellationToken);
            ShowChange(run, answer, "key", "previous");
            return ExitCodes.Ok;
        });
    }

    private static Command Revoke(CliEnvironment environment)
    {
        var id = new Argument<string>("key-id") { Description = "The key" };
        var reason = CommonOptions.Reason(required: true);
        return CommandFactory.Create("revoke", "Revoke a signing key at once (its tokens stop working; a replacement signs).",
            "bluxq keys revoke key_01a21c2a94347a00a45024bf053375d2 --reason \"key file copied to a lost laptop\"")
            .With(id, reason)
            .Run(environment, async (run, cancellationToken) =>
        {
            var (_, answer) = await run.Client.SendJsonAsync(HttpMethod.Post, $"/v1/keys/{Uri.EscapeDataString(run.Value(id))}/revoke", new JsonObject { ["reason"] = run.Value(reason) }, cancellationToken);
            ShowChange(run, answer, "key", "replacement");
            return ExitCodes.Ok;
        });
    }

    /// <summary>The keys a rotation or revocation touched, one row each, named by their part of the answer.</summary>
    private static void ShowChange(Invocation run, JsonNode? answer, params string[] parts) =>
        run.Output.Show(answer, () =>
        {
            run.Output.Table(["", .. ChangeColumns.Select(c => c.Header)],
                parts.Where(p => answer?[p] is JsonObject).Select(p => (IReadOnlyList<string?>)[p, .. ChangeColumns.Select(c => c.Cell(answer![p]))]));
            run.Output.Message($"audit_id: {Renderer.Text(answer?["audit_id"])}");
        });

    private static readonly IReadOnlyList<Column> ChangeColumns =
        [Column.Field("key_id"), Column.Field("type", "key_type"), .. Column.Fields("status", "valid_after", "verifies_until")];
}
