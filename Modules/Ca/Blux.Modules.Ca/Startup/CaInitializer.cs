using Blux.Modules.Ca.Data;
using Blux.SharedKernel.Stores;
using Microsoft.Extensions.DependencyInjection;

namespace Blux.Modules.Ca.Startup;

/// <summary>Ca's start-up is its store's: the notes need nothing more than the migrated file.</summary>
internal sealed class CaInitializer(IServiceScopeFactory scopes, CaModuleStore store) : ModuleStoreInitializer<CaDbContext>(scopes, store);
