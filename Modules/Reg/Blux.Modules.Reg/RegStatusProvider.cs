using Blux.Modules.Reg.Data;
using Blux.Modules.Reg.Security;
using Blux.SharedKernel.Events;
using Blux.SharedKernel.Modules;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Blux.Modules.Reg;

internal sealed class RegStatusProvider(IServiceScopeFactory scopes, KeyRing keys, TimeProvider clock) : IModuleStatusProvider
{
    public string Name => BluxSources.Reg;

    public async ValueTask<ModuleStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var storeReachable = await scope.ServiceProvider.GetRequiredService<RegDbContext>().Database.CanConnectAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var keyAges = keys.PublicKeys(now).Select(k => new Dictionary<string, object?>
        {
            ["key_id"] = k.KeyId,
            ["key_type"] = k.KeyType,
            ["status"] = k.Status,
            ["age_days"] = Math.Round((now - k.CreatedAt).TotalDays, 2),
        }).ToArray();
        var status = storeReachable && keys.IsLoaded ? ModuleStatus.Healthy : ModuleStatus.Unhealthy;
        return new ModuleStatus(Name, "1.3", status, new Dictionary<string, object?>
        {
            ["store_reachable"] = storeReachable,
            ["keys"] = keyAges,
        });
    }
}
