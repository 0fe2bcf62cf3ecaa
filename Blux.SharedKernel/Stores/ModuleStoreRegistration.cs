using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Blux.SharedKernel.Stores;

public static class ModuleStoreRegistration
{
    /// <summary>
    /// Registers a module's store: its DbContext on the module's own file, the store the host checks
    /// before any module starts (as its own type and as <see cref="IModuleStore"/>), and the initializer
    /// that migrates it. Hosted services start in the order they are added, so the module calls this
    /// before adding anything that needs its store at start.
    /// </summary>
    public static IServiceCollection AddModuleStore<TContext, TInitializer>(
        this IServiceCollection services,
        ModuleStore store,
        Func<IServiceProvider, int>? commandTimeoutSeconds = null)
        where TContext : ModuleDbContext
        where TInitializer : class, IHostedService
    {
        // Resolved when a context is made, not here: a data path that cannot be a directory is refused
        // by the host's settings check with one line, not by an exception while the modules register.
        services.AddDbContext<TContext>((sp, options) => ModuleStoreEngine.Use(options, store.ConnectionString(), commandTimeoutSeconds?.Invoke(sp)));
        services.AddSingleton(store.GetType(), store);
        services.AddSingleton<IModuleStore>(store);
        services.AddHostedService<TInitializer>();
        return services;
    }
}
