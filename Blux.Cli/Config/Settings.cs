using System.CommandLine;

namespace Blux.Cli.Config;

internal enum OutputFormat
{
    Table,
    Json,
    Jsonl,
}

/// <summary>
/// The settings of one run, each taken from the first place that has it: the command-line flag,
/// then the <c>BLUXQ_*</c> environment variable, then the profile, then the default.
/// </summary>
internal sealed class Settings
{
    public const string DefaultAddr = "http://127.0.0.1:8080";
    public const int DefaultRetries = 4;

    public required string Profile { get; init; }

    public required Uri Addr { get; init; }

    public required OutputFormat Output { get; init; }

    public required bool Color { get; init; }

    public string? ClientId { get; init; }

    public string? CaBundle { get; init; }

    public string? ClientCert { get; init; }

    public string? ClientKey { get; init; }

    public string? SigningKey { get; init; }

    public string? SigningKid { get; init; }

    public int Retries { get; init; } = DefaultRetries;

    public static Settings Resolve(ParseResult parse, CliEnvironment environment, ProfileStore store)
    {
        var config = store.Load();
        var profile = parse.GetValue(GlobalOptions.Profile) ?? environment.Variable("BLUXQ_PROFILE") ?? store.Current(config) ?? ProfileStore.DefaultProfile;
        ProfileStore.CheckName(profile);
        var entry = store.Profile(config, profile);

        string? Pick(string? flag, string key)
        {
            if (flag is not null)
            {
                return flag;
            }

            if (environment.Variable("BLUXQ_" + key.ToUpperInvariant()) is { } fromEnvironment)
            {
                return fromEnvironment;
            }

            return entry?[key] is System.Text.Json.Nodes.JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
        }

        var addrText = Pick(parse.GetValue(GlobalOptions.Addr), "addr") ?? DefaultAddr;
        if (!Uri.TryCreate(addrText, UriKind.Absolute, out var addr) || (addr.Scheme != Uri.UriSchemeHttp && addr.Scheme != Uri.UriSchemeHttps))
        {
            throw new CliException($"The address '{addrText}' is not an http:// or https:// URL.", ExitCodes.Usage);
        }

        var outputText = Pick(parse.GetValue(GlobalOptions.Output), "output") ?? "table";
        var output = outputText switch
        {
            "table" => OutputFormat.Table,
            "json" => OutputFormat.Json,
            "jsonl" => OutputFormat.Jsonl,
            _ => throw new CliException($"The output '{outputText}' is not one of table, json, jsonl.", ExitCodes.Usage),
        };

        var retriesText = Pick(null, "retries");
        var retries = DefaultRetries;
        if (retriesText is not null && (!int.TryParse(retriesText, out retries) || retries is < 0 or > 10))
        {
            throw new CliException($"retries '{retriesText}' is not a whole number from 0 to 10.", ExitCodes.Usage);
        }

        return new Settings
        {
            Profile = profile,
            Addr = addr,
            Output = output,
            Color = !parse.GetValue(GlobalOptions.NoColor) && environment.Variable("NO_COLOR") is null && environment.OutIsTerminal,
            ClientId = Pick(null, "client_id"),
            CaBundle = Pick(null, "ca_bundle"),
            ClientCert = Pick(null, "client_cert"),
            ClientKey = Pick(null, "client_key"),
            SigningKey = Pick(null, "signing_key"),
            SigningKid = Pick(null, "signing_kid"),
            Retries = retries,
        };
    }
}
