using Blux.Modules.Ca.Data;
using Blux.SharedKernel.Events;
using Blux.SharedKernel.Modules;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Blux.Modules.Ca;

internal sealed class CaStatusProvider(IServiceScopeFactory scopes) : IModuleStatusProvider
{
    public string Name => BluxSources.Ca;

    public async ValueTask<ModuleStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CaDbContext>();
        var storeReachable = await db.Database.CanConnectAsync(cancellationToken);
        return new ModuleStatus(Name, "0.8", storeReachable ? ModuleStatus.Healthy : ModuleStatus.Unhealthy, new Dictionary<string, object?>
        {
            ["store_reachable"] = storeReachable,
        });
    }
}
