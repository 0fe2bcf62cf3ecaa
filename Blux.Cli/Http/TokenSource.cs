using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Blux.Cli.Config;

namespace Blux.Cli.Http;

/// <summary>
/// The bearer token of a profile. <c>BLUXQ_TOKEN</c> wins and is used as it is. Otherwise the
/// token cached by <c>auth login</c> (<c>tokens/PROFILE.json</c>, 0600) is used until a minute
/// before it expires, and then renewed with the profile's stored client credentials
/// (<c>credentials/PROFILE.json</c>, 0600) or <c>BLUXQ_CLIENT_SECRET</c>. A token is only sent
/// to the address it was issued by.
/// </summary>
internal sealed class TokenSource(Settings settings, CliEnvironment environment, string configDirectory)
{
    private static readonly TimeSpan RenewBefore = TimeSpan.FromSeconds(60);

    public string TokenPath => Path.Combine(configDirectory, "tokens", settings.Profile + ".json");

    public string CredentialsPath => Path.Combine(configDirectory, "credentials", settings.Profile + ".json");

    public bool CanRenew => environment.Variable("BLUXQ_TOKEN") is null && Credentials() is not null;

    public async Task<string> GetAsync(BluxClient client, bool renew, CancellationToken cancellationToken)
    {
        if (environment.Variable("BLUXQ_TOKEN") is { } fixedToken)
        {
            return fixedToken;
        }

        if (!renew && Cached() is { } cached && cached.ExpiresAt - RenewBefore > environment.Time.GetUtcNow())
        {
            return cached.Token;
        }

        var credentials = Credentials()
            ?? throw new CliException($"Not logged in to {settings.Addr} with profile '{settings.Profile}', or the token expired: run 'bluxq auth login'.", ExitCodes.Auth);
        return (await LoginAsync(client, credentials.ClientId, credentials.Secret, remember: false, cancellationToken)).Token;
    }

    /// <summary>Asks for a token and caches it; with <paramref name="remember"/> also stores the credentials for renewal.</summary>
    public async Task<CachedToken> LoginAsync(BluxClient client, string clientId, string secret, bool remember, CancellationToken cancellationToken)
    {
        var answer = await client.RequestTokenAsync(clientId, secret, cancellationToken);
        var token = answer["access_token"]?.GetValue<string>() ?? throw new CliException("Blux's token answer has no access_token.");
        // A lifetime beyond a week is not believed: the cache would otherwise keep a token Blux has long stopped taking.
        var expiresIn = Math.Clamp(answer["expires_in"]?.GetValue<long>() ?? 0, 0, (long)TimeSpan.FromDays(7).TotalSeconds);
        var cached = new CachedToken(token, clientId, settings.Addr.ToString(), environment.Time.GetUtcNow().AddSeconds(expiresIn), answer["scope"]?.GetValue<string>() ?? string.Empty);
        PrivateFile.Write(TokenPath, new JsonObject
        {
            ["addr"] = cached.Addr,
            ["client_id"] = cached.ClientId,
            ["access_token"] = cached.Token,
            ["expires_at"] = cached.ExpiresAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["scope"] = cached.Scope,
        }.ToJsonString() + "\n");
        if (remember)
        {
            PrivateFile.Write(CredentialsPath, new JsonObject { ["addr"] = cached.Addr, ["client_id"] = clientId, ["client_secret"] = secret }.ToJsonString() + "\n");
        }

        return cached;
    }

    public CachedToken? Cached()
    {
        var node = ReadJson(TokenPath);
        if (node is null
            || Text(node, "addr") != settings.Addr.ToString()
            || Text(node, "access_token") is not { } token
            || !DateTimeOffset.TryParse(Text(node, "expires_at"), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var expiresAt))
        {
            return null;
        }

        return new CachedToken(token, Text(node, "client_id") ?? string.Empty, settings.Addr.ToString(), expiresAt, Text(node, "scope") ?? string.Empty);
    }

    /// <summary>Removes the cached token and the stored credentials; answers whether there was anything.</summary>
    public bool Forget()
    {
        var any = File.Exists(TokenPath) || File.Exists(CredentialsPath);
        File.Delete(TokenPath);
        File.Delete(CredentialsPath);
        return any;
    }

    private (string ClientId, string Secret)? Credentials()
    {
        if (environment.Variable("BLUXQ_CLIENT_SECRET") is { } secret && settings.ClientId is { } id)
        {
            return (id, secret);
        }

        var node = ReadJson(CredentialsPath);
        if (node is not null && Text(node, "addr") == settings.Addr.ToString()
            && Text(node, "client_id") is { } clientId && Text(node, "client_secret") is { } stored)
        {
            return (clientId, stored);
        }

        return null;
    }

    /// <summary>A string member, or null when it is missing or of another type (a damaged cache is no token).</summary>
    private static string? Text(JsonObject node, string name) =>
        node[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static JsonObject? ReadJson(string path)
    {
        try
        {
            return PrivateFile.ReadOrNull(path) is { } text ? JsonNode.Parse(text) as JsonObject : null;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or FormatException)
        {
            // A damaged cache is no token: the user logs in again.
            return null;
        }
    }

    /// <summary>The claims of a JWT, read without checking it (the CLI only shows them; Blux checks).</summary>
    public static JsonObject? Claims(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(Encoding.UTF8.GetString(Crypto.Base64Url.Decode(parts[1]))) as JsonObject;
        }
        catch (Exception exception) when (exception is JsonException or FormatException)
        {
            return null;
        }
    }
}

internal sealed record CachedToken(string Token, string ClientId, string Addr, DateTimeOffset ExpiresAt, string Scope);
