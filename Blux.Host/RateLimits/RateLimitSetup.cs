namespace Blux.Host.RateLimits;

internal static class RateLimitSetup
{
    public static IServiceCollection AddBluxRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>()
            .BindConfiguration(RateLimitOptions.Section)
            .Validate(options => options.IsValid, "Blux:RateLimits: every PerMinute and PerSecond must be at least 1.")
            .ValidateOnStart();
        services.AddSingleton<RateLimitPartitions>();
        services.AddSingleton<RateLimitMetrics>();
        return services;
    }

    public static IApplicationBuilder UseBluxRateLimits(this IApplicationBuilder app) => app.UseMiddleware<RateLimitMiddleware>();
}
