using Blux.Modules.Lite.Data;
using Blux.Modules.Lite.Execution;
using Blux.Modules.Lite.Routes;
using Blux.SharedKernel.Events;
using Blux.SharedKernel.Modules;
using Microsoft.Extensions.Options;

namespace Blux.Modules.Lite;

/// <summary>
/// Lite's state from memory only; the host adds what its probe of lite.db last found. Lite is degraded
/// when no worker has been free for <c>Blux:Lite:BusyDegradedSeconds</c>: new tasks then wait in the
/// queue for as long as the running ones take.
/// </summary>
internal sealed class LiteStatusProvider(
    TaskQueue queue,
    TaskWorkerPool workers,
    TaskStore store,
    TaskCompletionNotifier waiters,
    ScriptMemoryBudget scriptMemory,
    WebhookAnswerBudget webhookAnswers,
    IOptions<LiteOptions> options) : IModuleStatusProvider
{
    public string Name => BluxSources.Lite;

    public ValueTask<ModuleStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        var allBusyFor = workers.AllBusyFor;
        var status = allBusyFor >= options.Value.BusyDegradedAfter ? ModuleStatus.Degraded : ModuleStatus.Healthy;
        return ValueTask.FromResult(new ModuleStatus(Name, "1.2", status, new Dictionary<string, object?>
        {
            ["active_tasks"] = workers.Active,
            ["queue_size"] = queue.Count,
            ["workers"] = workers.Workers,
            ["all_workers_busy_s"] = allBusyFor is { } busy ? Math.Round(busy.TotalSeconds, 1) : null,
            ["script_memory_budget_mb"] = scriptMemory.TotalMb,
            ["script_memory_reserved_mb"] = scriptMemory.ReservedMb,
            ["scripts_waiting_for_memory"] = scriptMemory.Waiting,
            ["webhook_answer_bytes_reserved"] = webhookAnswers.Reserved,
            ["webhook_answer_budget_bytes"] = webhookAnswers.Capacity,
            ["webhook_deliveries_waiting"] = webhookAnswers.Waiting,
            ["memory"] = new Dictionary<string, object?>
            {
                ["recent_task_rows"] = MemoryUse.Of(store.Recent.Count, store.Recent.Bytes, store.Recent.MaxBytes),
                ["task_waiters"] = MemoryUse.Of(waiters.Count, waiters.EstimatedBytes, null),
                ["task_queue"] = MemoryUse.Of(queue.Count, queue.Count * TaskQueue.BytesPerEntry, null),
            },
        }));
    }
}
