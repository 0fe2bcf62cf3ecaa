using Blux.SharedKernel.Events;
using Blux.SharedKernel.Modules;

namespace Blux.Modules.Ca;

/// <summary>Ca keeps no state worth reporting beside its store, which the host probes.</summary>
internal sealed class CaStatusProvider : IModuleStatusProvider
{
    public string Name => BluxSources.Ca;

    public ValueTask<ModuleStatus> GetStatusAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(new ModuleStatus(Name, "0.8", ModuleStatus.Healthy, new Dictionary<string, object?>()));
}
