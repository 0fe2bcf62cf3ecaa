namespace Blux.Host.Commander;

internal static class CommanderSetup
{
    public static IServiceCollection AddCommander(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CommanderOptions>()
            .Bind(configuration.GetSection(CommanderOptions.Section))
            .Validate(options => options.IsValid, "Blux:Commander:MaxSessions must be from 1 to 1000000 and LiveIntervalMs from 100 to 60000.")
            .ValidateOnStart();
        services.AddSingleton<CommanderSessions>();
        services.AddSingleton<CommanderAssets>();
        return services;
    }

    /// <summary>Before routing: sign-in is routed as <c>POST /v1/tokens</c>, and a session becomes a bearer token.</summary>
    public static IApplicationBuilder UseCommanderSessions(this IApplicationBuilder app) => app.UseMiddleware<CommanderSessionMiddleware>();
}
