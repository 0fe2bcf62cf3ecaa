namespace Blux.Testing;

/// <summary>
/// The settings a test host starts with, built once for both ways of hosting Blux: in process
/// (<see cref="BluxFactory"/>, as host settings) and as a child process (<see cref="HostProcess"/>,
/// as environment variables).
/// </summary>
public static class HostSettings
{
    /// <summary>Data and log paths, the raised rate limits unless <paramref name="raiseRateLimits"/> is false, then <paramref name="extra"/> (which wins).</summary>
    public static IReadOnlyDictionary<string, string?> For(
        string dataPath, string? logPath = null, bool raiseRateLimits = true, IEnumerable<KeyValuePair<string, string?>>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["BLUX_DATA_PATH"] = dataPath,
            ["BLUX_LOG_PATH"] = logPath ?? Path.Combine(dataPath, "logs"),
        };
        if (raiseRateLimits)
        {
            foreach (var (key, value) in TestRateLimits.Raised)
            {
                settings[key] = value;
            }
        }

        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>The name a setting has as an environment variable (<c>Blux:A:B</c> is <c>Blux__A__B</c>).</summary>
    public static string EnvironmentName(string key) => key.Replace(":", "__", StringComparison.Ordinal);
}
