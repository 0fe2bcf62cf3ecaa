using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Blux.Cli.Config;

/// <summary>
/// Named profiles in <c>config.json</c> under the config folder:
/// <c>{"current": "default", "profiles": {"default": {"addr": "…", "client_id": "…"}}}</c>.
/// </summary>
internal sealed partial class ProfileStore(string directory)
{
    public const string DefaultProfile = "default";

    /// <summary>The settings a profile may hold; <c>config set</c> refuses any other key.</summary>
    public static readonly IReadOnlyDictionary<string, string> Keys = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["addr"] = "Blux's address, e.g. http://127.0.0.1:8080 (env BLUXQ_ADDR)",
        ["client_id"] = "the identity auth login uses (env BLUXQ_CLIENT_ID)",
        ["output"] = "table, json or jsonl (env BLUXQ_OUTPUT)",
        ["ca_bundle"] = "PEM file of the CA that signed Blux's TLS certificate (env BLUXQ_CA_BUNDLE)",
        ["client_cert"] = "PEM client certificate for mutual TLS (env BLUXQ_CLIENT_CERT)",
        ["client_key"] = "PEM private key of the client certificate (env BLUXQ_CLIENT_KEY)",
        ["signing_key"] = "PEM P-521 private key that signs task requests (env BLUXQ_SIGNING_KEY)",
        ["signing_kid"] = "the kid the signing key is registered under (env BLUXQ_SIGNING_KID)",
        ["retries"] = "retries on 429/503, 0-10, default 4 (env BLUXQ_RETRIES)",
    };

    public string Directory { get; } = directory;

    public string FilePath => Path.Combine(Directory, "config.json");

    public static void CheckName(string profile)
    {
        if (!ProfileName().IsMatch(profile))
        {
            throw new CliException($"Profile name '{profile}' is not valid: 1-64 of A-Z a-z 0-9 _ . -, starting with a letter or digit.", ExitCodes.Usage);
        }
    }

    public JsonObject Load()
    {
        var text = PrivateFile.ReadOrNull(FilePath);
        if (text is null)
        {
            return new JsonObject { ["profiles"] = new JsonObject() };
        }

        try
        {
            var node = JsonNode.Parse(text) as JsonObject ?? throw new JsonException("not an object");
            node["profiles"] ??= new JsonObject();
            if (node["profiles"] is not JsonObject)
            {
                throw new JsonException("profiles is not an object");
            }

            return node;
        }
        catch (JsonException exception)
        {
            throw new CliException($"{FilePath} is not a bluxq configuration ({exception.Message}); fix or remove it.");
        }
    }

    public void Save(JsonObject config) => PrivateFile.Write(FilePath, config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");

    public string? Current(JsonObject config) => (config["current"] as JsonValue)?.TryGetValue<string>(out var name) == true ? name : null;

    public JsonObject? Profile(JsonObject config, string profile) => config["profiles"]?[profile] as JsonObject;

    public string? Get(string profile, string key)
    {
        var value = Profile(Load(), profile)?[key] as JsonValue;
        return value is not null && value.TryGetValue<string>(out var text) ? text : null;
    }

    public void Set(string profile, string key, string? value)
    {
        CheckName(profile);
        var config = Load();
        var profiles = (JsonObject)config["profiles"]!;
        if (profiles[profile] is not JsonObject entry)
        {
            entry = new JsonObject();
            profiles[profile] = entry;
        }

        if (value is null)
        {
            entry.Remove(key);
        }
        else
        {
            entry[key] = value;
        }

        Save(config);
    }

    [GeneratedRegex(@"\A[A-Za-z0-9][A-Za-z0-9_.-]{0,63}\z")]
    private static partial Regex ProfileName();
}
