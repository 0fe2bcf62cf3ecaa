using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Blux.SharedKernel.Stores;

/// <summary>
/// Brings a module's store up to date before the module serves anything: applies its migrations,
/// puts the file in WAL mode, then lets the module do its own start-up in the same scope. A failure
/// of the store (SQLite, the file system) ends the start with one line naming the file.
/// </summary>
public abstract class ModuleStoreInitializer<TContext>(IServiceScopeFactory scopes, IModuleStore store) : IHostedService
    where TContext : ModuleDbContext
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TContext>();
            await db.Database.MigrateAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            await InitializeAsync(scope.ServiceProvider, db, cancellationToken);
        }
        catch (Exception exception) when (IsStoreFailure(exception))
        {
            throw StoreStartupException.Failed(store.Module, store.FilePath, exception);
        }
    }

    public virtual Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The module's own start-up on its migrated store.</summary>
    protected virtual Task InitializeAsync(IServiceProvider services, TContext db, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Whether <paramref name="exception"/> is a failure of this module's store rather than a bug.</summary>
    protected virtual bool IsStoreFailure(Exception exception) => StoreStartupException.IsStoreFailure(exception);
}
