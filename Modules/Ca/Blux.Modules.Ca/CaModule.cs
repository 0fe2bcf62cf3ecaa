using Blux.Modules.Ca.Data;
using Blux.Modules.Ca.Features.DryRunReflect;
using Blux.Modules.Ca.Reflection;
using Blux.Modules.Ca.Startup;
using Blux.SharedKernel.Modules;
using Blux.SharedKernel.Settings;
using Blux.SharedKernel.Stores;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Blux.Modules.Ca;

/// <summary>Ca: deterministic, explainable reflection on tasks (docs/contract.md#reflection).</summary>
public static class CaModule
{
    public static IServiceCollection AddCaModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddBluxSettings<CaOptions>(CaOptions.Section, []);
        services.AddModuleStore<CaDbContext, CaInitializer>(new CaModuleStore(configuration));
        services.AddSingleton<ReflectionNoteWriter>();
        services.AddSingleton<CaMetrics>();
        return services.AddModuleStatusAndValidators<CaStatusProvider>();
    }

    public static IEndpointRouteBuilder MapCaEndpoints(this IEndpointRouteBuilder app) =>
        app.MapModuleEndpoints(DryRunReflectEndpoint.Map);
}
