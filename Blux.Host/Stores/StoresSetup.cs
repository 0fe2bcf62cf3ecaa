using Blux.SharedKernel.Modules;
using Blux.SharedKernel.Settings;
using Blux.SharedKernel.Stores;
using Microsoft.Extensions.Options;

namespace Blux.Host.Stores;

internal static class StoresSetup
{
    /// <summary>
    /// The store check. Registered after the modules: its start-up checks run before any module starts
    /// (as a lifecycle service's <c>StartingAsync</c>), what it must audit is audited once they have all
    /// started, and the stores' marks are read once they have all stopped. Also binds the settings every
    /// module's group-commit writer shares (<see cref="StoreWriterOptions"/>).
    /// </summary>
    public static IServiceCollection AddBluxStores(this IServiceCollection services, IConfiguration configuration, string[] args)
    {
        services.AddSingleton<StoreLedger>();
        var acceptReset = StoreCheckOptions.ParseAcceptReset(args);
        services.AddBluxSettings<StoreCheckOptions.Settings>(StoreCheckOptions.Settings.Section, [nameof(StoreWriterOptions.DrainTimeout)]);
        services.AddBluxSettings<StoreWriterOptions>(StoreWriterOptions.Section, [nameof(StoreCheckOptions.Settings.QuickCheckOnStart)]);
        services.AddSingleton(sp => new StoreCheckOptions
        {
            DataPath = BluxPaths.DataPath(configuration),
            QuickCheck = sp.GetRequiredService<IOptions<StoreCheckOptions.Settings>>().Value.QuickCheckOnStart,
            AcceptReset = acceptReset,
        });
        services.AddHostedService<StoreGate>();
        return services;
    }
}
