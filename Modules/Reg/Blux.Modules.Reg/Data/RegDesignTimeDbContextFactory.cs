using Blux.Modules.Reg.Startup;
using Blux.SharedKernel.Stores;

namespace Blux.Modules.Reg.Data;

internal sealed class RegDesignTimeDbContextFactory() : ModuleDesignTimeDbContextFactory<RegDbContext>(RegModuleStore.Name, options => new(options));
