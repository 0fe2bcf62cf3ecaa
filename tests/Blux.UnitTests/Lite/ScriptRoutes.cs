using Blux.Modules.Lite;
using Blux.Modules.Lite.Routes;
using Microsoft.Extensions.Options;

namespace Blux.UnitTests.Lite;

internal static class ScriptRoutes
{
    /// <summary>A script route with a memory budget of its own (as the options say) and the system clock.</summary>
    public static ScriptRoute Create(LiteOptions settings, ScriptMemoryBudget? budget = null)
    {
        var options = Options.Create(settings);
        return new ScriptRoute(options, budget ?? new ScriptMemoryBudget(options), TimeProvider.System);
    }
}
