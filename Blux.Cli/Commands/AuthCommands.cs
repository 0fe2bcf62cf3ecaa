using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Blux.Cli.Commands;

/// <summary><c>bluxq auth login|status|token|logout</c>: client credentials and the cached token.</summary>
internal static class AuthCommands
{
    public static Command Build(CliEnvironment environment)
    {
        var clientId = new Option<string?>("--client-id") { Description = "The identity (env BLUXQ_CLIENT_ID, or the profile's client_id)" };
        var clientSecret = new Option<string?>("--client-secret") { Description = "The secret (visible in the process list: prefer --client-secret-file or BLUXQ_CLIENT_SECRET)" };
        var secretFile = new Option<FileInfo?>("--client-secret-file") { Description = "A file holding the secret, or Blux's bootstrap-admin.json" };
        var login = CommandFactory.Create("login", "Get a token with client credentials, cache it, and keep the credentials (0600) to renew it.",
            "bluxq auth login --client-id admin --client-secret-file data/bootstrap-admin.json",
            "BLUXQ_CLIENT_SECRET=… bluxq auth login --client-id svc_ingest --profile ingest")
            .With(clientId, clientSecret, secretFile)
            .Run(environment, async (run, cancellationToken) =>
        {
            var (fileId, fileSecret) = ReadSecretFile(run.Value(secretFile));
            var id = run.Value(clientId) ?? run.Settings.ClientId ?? fileId
                ?? throw new CliException("Name the identity: --client-id ID (or BLUXQ_CLIENT_ID, or config set client_id).", ExitCodes.Usage);
            var secret = run.Value(clientSecret) ?? fileSecret ?? run.Environment.Variable("BLUXQ_CLIENT_SECRET")
                ?? throw new CliException("Give the secret: --client-secret-file FILE, --client-secret SECRET or BLUXQ_CLIENT_SECRET.", ExitCodes.Usage);
            if (run.Value(clientSecret) is not null && run.Value(secretFile) is not null)
            {
                throw new CliException("Give --client-secret or --client-secret-file, not both.", ExitCodes.Usage);
            }

            var token = await run.Tokens.LoginAsync(run.Client, id, secret, remember: true, cancellationToken);
            run.Store.Set(run.Settings.Profile, "client_id", id);
            run.Store.Set(run.Settings.Profile, "addr", run.Settings.Addr.ToString().TrimEnd('/'));
            run.Output.Message($"Logged in to {run.Settings.Addr} as {id} (profile '{run.Settings.Profile}'); the token expires at {Stamp(token.ExpiresAt)}.");
            if (!run.Output.IsTable)
            {
                run.Output.Json(new JsonObject { ["profile"] = run.Settings.Profile, ["client_id"] = id, ["expires_at"] = Stamp(token.ExpiresAt), ["scope"] = token.Scope });
            }

            return ExitCodes.Ok;
        });

        var status = CommandFactory.Create("status", "Who the cached token is for, its scopes and when it expires (exit 4 when not logged in).",
            "bluxq auth status", "bluxq auth status -o json")
            .Run(environment, run =>
        {
            var cached = run.Tokens.Cached();
            if (cached is null)
            {
                throw new CliException($"Not logged in to {run.Settings.Addr} with profile '{run.Settings.Profile}': run 'bluxq auth login'.", ExitCodes.Auth);
            }

            var claims = Http.TokenSource.Claims(cached.Token);
            var now = run.Environment.Time.GetUtcNow();
            var body = new JsonObject
            {
                ["profile"] = run.Settings.Profile,
                ["addr"] = cached.Addr,
                ["client_id"] = cached.ClientId,
                ["subject"] = claims?["sub"]?.DeepClone(),
                ["roles"] = claims?["roles"]?.DeepClone(),
                ["scope"] = cached.Scope,
                ["expires_at"] = Stamp(cached.ExpiresAt),
                ["expired"] = cached.ExpiresAt <= now,
                ["renewable"] = run.Tokens.CanRenew,
            };
            run.Output.Show(body, () => run.Output.Fields(body));
            return cached.ExpiresAt <= now && !run.Tokens.CanRenew ? ExitCodes.Auth : ExitCodes.Ok;
        });

        var token = CommandFactory.Create("token", "Print a valid bearer token (renewed when it expires), for curl and scripts.",
            "curl -H \"Authorization: Bearer $(bluxq auth token)\" http://127.0.0.1:8080/v1/status")
            .Run(environment, async (run, cancellationToken) =>
        {
            run.Output.Out.WriteLine(await run.Tokens.GetAsync(run.Client, renew: false, cancellationToken));
            return ExitCodes.Ok;
        });

        var logout = CommandFactory.Create("logout", "Delete the cached token and the stored credentials of the profile.", "bluxq auth logout")
            .Run(environment, run =>
        {
            run.Output.Message(run.Tokens.Forget() ? $"Logged out of profile '{run.Settings.Profile}'." : $"Profile '{run.Settings.Profile}' was not logged in.");
            return ExitCodes.Ok;
        });

        return CommandFactory.Create("auth", "Log in with client credentials; the token is cached (0600) until it expires and renewed.",
            "bluxq auth login --client-id admin --client-secret-file data/bootstrap-admin.json",
            "bluxq auth status")
            .With(login, status, token, logout);
    }

    public static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The secret in a file: its only line, or Blux's bootstrap-admin.json (<c>client_id</c>, <c>client_secret</c>).</summary>
    private static (string? ClientId, string? Secret) ReadSecretFile(FileInfo? file)
    {
        if (file is null)
        {
            return (null, null);
        }

        if (!file.Exists)
        {
            throw new CliException($"The secret file {file.FullName} does not exist.", ExitCodes.Usage);
        }

        if (file.Length > 64 * 1024)
        {
            throw new CliException($"The secret file {file.FullName} is larger than 64 KiB; it is not a secret.", ExitCodes.Usage);
        }

        var text = File.ReadAllText(file.FullName).Trim();
        if (text.StartsWith('{'))
        {
            try
            {
                var json = JsonNode.Parse(text);
                return (json?["client_id"]?.GetValue<string>(), json?["client_secret"]?.GetValue<string>()
                    ?? throw new CliException($"{file.FullName} has no client_secret.", ExitCodes.Usage));
            }
            catch (Exception exception) when (exception is System.Text.Json.JsonException or InvalidOperationException)
            {
                throw new CliException($"{file.FullName} is neither a one-line secret nor a JSON object with client_secret.", ExitCodes.Usage);
            }
        }

        if (text.Length == 0 || text.Contains('\n'))
        {
            throw new CliException($"The secret file {file.FullName} must hold the secret on one line.", ExitCodes.Usage);
        }

        return (null, text);
    }
}
