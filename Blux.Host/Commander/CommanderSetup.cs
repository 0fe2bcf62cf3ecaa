using Blux.SharedKernel.Settings;

namespace Blux.Host.Commander;

internal static class CommanderSetup
{
    public static IServiceCollection AddCommander(this IServiceCollection services)
    {
        services.AddBluxSettings<CommanderOptions>(CommanderOptions.Section, []);
        services.AddSingleton<CommanderSessions>();
        services.AddSingleton<CommanderAssets>();
        return services;
    }

    /// <summary>Before routing: sign-in is routed as <c>POST /v1/tokens</c>, and a session becomes a bearer token.</summary>
    public static IApplicationBuilder UseCommanderSessions(this IApplicationBuilder app) => app.UseMiddleware<CommanderSessionMiddleware>();
}
