using Blux.Modules.Guard.Audit;
using Blux.Modules.Guard.Doctrine;
using Blux.Modules.Guard.Requests;
using Blux.SharedKernel.Events;
using Blux.SharedKernel.Modules;

namespace Blux.Modules.Guard;

/// <summary>Guard's state from memory only; the host adds what its probe of guard.db last found.</summary>
internal sealed class GuardStatusProvider(AuditWriter writer, ActiveDoctrine doctrine, ReplayGuard replays, RecentAuditRecords recentRecords) : IModuleStatusProvider
{
    public string Name => BluxSources.Guard;

    public ValueTask<ModuleStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        var head = writer.Head;
        var status = !doctrine.IsLoaded ? ModuleStatus.Unhealthy
            : !writer.IsHealthy ? ModuleStatus.Degraded
            : ModuleStatus.Healthy;
        return ValueTask.FromResult(new ModuleStatus(Name, "1.1", status, new Dictionary<string, object?>
        {
            ["doctrine_version"] = doctrine.IsLoaded ? doctrine.Current.Document.DoctrineVersion : null,
            ["doctrine_digest"] = doctrine.IsLoaded ? doctrine.Current.Digest : null,
            ["audit_head"] = new Dictionary<string, object?> { ["seq"] = head.Seq, ["record_hash"] = head.Hash },
            ["last_checkpoint"] = head.CheckpointId is null ? null : new Dictionary<string, object?> { ["checkpoint_id"] = head.CheckpointId, ["seq"] = head.CheckpointSeq },
            ["audit_writer_healthy"] = writer.IsHealthy,
            ["memory"] = new Dictionary<string, object?>
            {
                ["replay_memory"] = MemoryUse.Of(replays.Count, replays.EstimatedBytes, replays.MaxEntries * ReplayGuard.BytesPerEntry),
                ["recent_audit_records"] = MemoryUse.Of(recentRecords.Count, recentRecords.Bytes, recentRecords.MaxBytes),
            },
        }));
    }
}
