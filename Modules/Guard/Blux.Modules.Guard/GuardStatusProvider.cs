using Blux.Modules.Guard.Audit;
using Blux.Modules.Guard.Data;
using Blux.Modules.Guard.Doctrine;
using Blux.SharedKernel.Events;
using Blux.SharedKernel.Modules;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Blux.Modules.Guard;

internal sealed class GuardStatusProvider(IServiceScopeFactory scopes, AuditWriter writer, ActiveDoctrine doctrine) : IModuleStatusProvider
{
    public string Name => BluxSources.Guard;

    public async ValueTask<ModuleStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var storeReachable = await scope.ServiceProvider.GetRequiredService<GuardDbContext>().Database.CanConnectAsync(cancellationToken);
        var head = writer.Head;
        var status = !storeReachable || !doctrine.IsLoaded ? ModuleStatus.Unhealthy
            : !writer.IsHealthy ? ModuleStatus.Degraded
            : ModuleStatus.Healthy;
        return new ModuleStatus(Name, "1.1", status, new Dictionary<string, object?>
        {
            ["store_reachable"] = storeReachable,
            ["doctrine_version"] = doctrine.IsLoaded ? doctrine.Current.Document.DoctrineVersion : null,
            ["doctrine_digest"] = doctrine.IsLoaded ? doctrine.Current.Digest : null,
            ["audit_head"] = new Dictionary<string, object?> { ["seq"] = head.Seq, ["record_hash"] = head.Hash },
            ["last_checkpoint"] = head.CheckpointId is null ? null : new Dictionary<string, object?> { ["checkpoint_id"] = head.CheckpointId, ["seq"] = head.CheckpointSeq },
            ["audit_writer_healthy"] = writer.IsHealthy,
        });
    }
}
