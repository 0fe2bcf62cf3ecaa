using Blux.Modules.Ca.Data;
using Blux.Modules.Ca.Reflection;
using Blux.SharedKernel.Stores;
using Microsoft.Extensions.DependencyInjection;

namespace Blux.Modules.Ca.Startup;

/// <summary>Migrates Ca's store and starts the note writer; stopping drains it (Lite, which asks for reflections, stops first).</summary>
internal sealed class CaInitializer(IServiceScopeFactory scopes, CaModuleStore store, ReflectionNoteWriter notes)
    : ModuleStoreInitializer<CaDbContext>(scopes, store)
{
    protected override Task InitializeAsync(IServiceProvider services, CaDbContext db, CancellationToken cancellationToken)
    {
        notes.Start();
        return Task.CompletedTask;
    }

    public override Task StopAsync(CancellationToken cancellationToken) => notes.StopAsync();
}
