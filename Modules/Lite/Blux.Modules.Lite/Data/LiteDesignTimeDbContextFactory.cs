using Blux.Modules.Lite.Startup;
using Blux.SharedKernel.Stores;

namespace Blux.Modules.Lite.Data;

internal sealed class LiteDesignTimeDbContextFactory() : ModuleDesignTimeDbContextFactory<LiteDbContext>(LiteModuleStore.Name, options => new(options));
