using Blux.Modules.Guard.Startup;
using Blux.SharedKernel.Stores;

namespace Blux.Modules.Guard.Data;

internal sealed class GuardDesignTimeDbContextFactory() : ModuleDesignTimeDbContextFactory<GuardDbContext>(GuardModuleStore.Name, options => new(options));
