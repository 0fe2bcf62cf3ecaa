namespace Blux.Host;

/// <summary>Where Blux listens: <c>--urls</c> or <c>ASPNETCORE_URLS</c>, else <c>Blux:Listen</c>.</summary>
internal static class BluxListen
{
    public const string Default = "http://127.0.0.1:8080";

    public static IReadOnlyList<string> Urls(IConfiguration configuration) =>
        (configuration["urls"] ?? configuration["Blux:Listen"] ?? Default)
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The setting the listen URLs came from, for messages that name it.</summary>
    public static string SettingName(IConfiguration configuration) =>
        configuration["urls"] is null ? "Blux:Listen" : "urls (--urls or ASPNETCORE_URLS)";
}
