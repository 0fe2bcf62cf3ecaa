using Blux.SharedKernel.Modules;
using Blux.SharedKernel.Stores;

namespace Blux.Host.Stores;

internal static class StoresSetup
{
    /// <summary>
    /// The store check. Registered after the modules: its start-up checks run before any module starts
    /// (as a lifecycle service's <c>StartingAsync</c>), what it must audit is audited once they have all
    /// started, and the stores' marks are read once they have all stopped.
    /// </summary>
    public static IServiceCollection AddBluxStores(this IServiceCollection services, IConfiguration configuration, string[] args)
    {
        services.AddSingleton<StoreLedger>();
        services.AddSingleton(new StoreCheckOptions
        {
            DataPath = BluxPaths.DataPath(configuration),
            QuickCheck = configuration.GetValue("Blux:Stores:QuickCheckOnStart", true),
            AcceptReset = StoreCheckOptions.ParseAcceptReset(args),
        });
        services.AddHostedService<StoreGate>();
        return services;
    }
}
