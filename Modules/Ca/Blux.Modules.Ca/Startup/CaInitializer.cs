using Blux.Modules.Ca.Data;
using Blux.Modules.Ca.Reflection;
using Blux.SharedKernel.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Blux.Modules.Ca.Startup;

/// <summary>Migrates Ca's store and starts the note writer; stopping drains it (Lite, which asks for reflections, stops first).</summary>
internal sealed class CaInitializer(IServiceScopeFactory scopes, CaModuleStore store, ReflectionNoteWriter notes) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CaDbContext>();
            await db.Database.MigrateAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        catch (Exception exception) when (StoreStartupException.IsStoreFailure(exception))
        {
            throw StoreStartupException.Failed(store.Module, store.FilePath, exception);
        }

        notes.Start();
    }

    public Task StopAsync(CancellationToken cancellationToken) => notes.StopAsync();
}
