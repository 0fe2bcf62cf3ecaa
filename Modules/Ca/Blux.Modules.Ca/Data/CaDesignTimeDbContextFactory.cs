using Blux.Modules.Ca.Startup;
using Blux.SharedKernel.Stores;

namespace Blux.Modules.Ca.Data;

internal sealed class CaDesignTimeDbContextFactory() : ModuleDesignTimeDbContextFactory<CaDbContext>(CaModuleStore.Name, options => new(options));
