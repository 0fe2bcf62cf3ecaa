using Blux.SharedKernel.Api;
using Blux.SharedKernel.Settings;

namespace Blux.Host.RateLimits;

internal static class RateLimitSetup
{
    public static IServiceCollection AddBluxRateLimits(this IServiceCollection services)
    {
        services.AddBluxSettings<RateLimitOptions>(RateLimitOptions.Section, []);
        services.AddSingleton<RateLimitPartitions>();
        services.AddSingleton<RateLimitMetrics>();
        services.AddBluxSettings<StreamOptions>(StreamOptions.Section, []);
        services.AddSingleton<StreamSlots>();
        return services;
    }

    public static IApplicationBuilder UseBluxRateLimits(this IApplicationBuilder app) => app.UseMiddleware<RateLimitMiddleware>();
}
