using FluentValidation;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Blux.SharedKernel.Modules;

/// <summary>What every module registers the same way, so a module states only what is its own.</summary>
public static class ModuleRegistration
{
    /// <summary>
    /// The module's status on /health, and every validator of the status provider's assembly in the
    /// mediator pipeline: singletons, internal ones included, since validators hold no request state.
    /// </summary>
    public static IServiceCollection AddModuleStatusAndValidators<TStatusProvider>(this IServiceCollection services)
        where TStatusProvider : class, IModuleStatusProvider
    {
        services.AddSingleton<IModuleStatusProvider, TStatusProvider>();
        services.AddValidatorsFromAssembly(typeof(TStatusProvider).Assembly, ServiceLifetime.Singleton, includeInternalTypes: true);
        return services;
    }

    /// <summary>Maps a module's endpoints, each feature's own <c>Map</c>, in the order given.</summary>
    public static IEndpointRouteBuilder MapModuleEndpoints(this IEndpointRouteBuilder app, params ReadOnlySpan<Action<IEndpointRouteBuilder>> endpoints)
    {
        foreach (var map in endpoints)
        {
            map(app);
        }

        return app;
    }
}
