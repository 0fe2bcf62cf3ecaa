using Blux.Modules.Ca;
using Blux.Modules.Guard;
using Blux.Modules.Lite;
using Blux.Modules.Reg;

namespace Blux.Host;

/// <summary>
/// The modules this host loads, in their one order: the host and the backup command register the same
/// set, so a module added here is one whose store is also backed up.
/// </summary>
internal static class BluxModules
{
    /// <summary>Reg first: its keys must exist before Guard signs the first audit record on a new store.</summary>
    public static IServiceCollection AddBluxModules(this IServiceCollection services, IConfiguration configuration) =>
        services
            .AddRegModule(configuration)
            .AddGuardModule(configuration)
            .AddCaModule(configuration)
            .AddLiteModule(configuration);

    public static IEndpointRouteBuilder MapBluxModules(this IEndpointRouteBuilder app) =>
        app
            .MapRegEndpoints()
            .MapGuardEndpoints()
            .MapCaEndpoints()
            .MapLiteEndpoints();
}
