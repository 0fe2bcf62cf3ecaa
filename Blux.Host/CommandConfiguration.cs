namespace Blux.Host;

/// <summary>
/// The settings a subcommand (<c>healthcheck</c>, <c>backup</c>, <c>restore</c>) reads: the same sources as
/// Blux itself (<c>appsettings.json</c> beside the binary, the environment, the command line), so it finds
/// the listener and the data directory of the Blux configured the same way.
/// </summary>
internal static class CommandConfiguration
{
    public static IConfiguration Build(string[] args) => new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true, reloadOnChange: false)
        .AddEnvironmentVariables("ASPNETCORE_")
        .AddEnvironmentVariables()
        .AddCommandLine(args)
        .Build();
}
