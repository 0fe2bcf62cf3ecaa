using Blux.Modules.Lite.Data;
using Blux.Modules.Lite.Execution;
using Blux.SharedKernel.Events;
using Blux.SharedKernel.Modules;

namespace Blux.Modules.Lite;

/// <summary>Lite's state from memory only; the host adds what its probe of lite.db last found.</summary>
internal sealed class LiteStatusProvider(TaskQueue queue, TaskWorkerPool workers, TaskStore store, TaskCompletionNotifier waiters) : IModuleStatusProvider
{
    public string Name => BluxSources.Lite;

    public ValueTask<ModuleStatus> GetStatusAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(new ModuleStatus(Name, "1.2", ModuleStatus.Healthy, new Dictionary<string, object?>
        {
            ["active_tasks"] = workers.Active,
            ["queue_size"] = queue.Count,
            ["memory"] = new Dictionary<string, object?>
            {
                ["recent_task_rows"] = MemoryUse.Of(store.Recent.Count, store.Recent.Bytes, store.Recent.MaxBytes),
                ["task_waiters"] = MemoryUse.Of(waiters.Count, waiters.EstimatedBytes, null),
                ["task_queue"] = MemoryUse.Of(queue.Count, queue.Count * TaskQueue.BytesPerEntry, null),
            },
        }));
}
