using Blux.Modules.Lite.Data;
using Blux.Modules.Lite.Execution;
using Blux.Modules.Lite.Routes;
using Blux.SharedKernel.Events;
using Blux.SharedKernel.Modules;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Blux.Modules.Lite;

/// <summary>
/// Lite is unhealthy when its store cannot be reached, and degraded when no worker has been free for
/// <c>Blux:Lite:BusyDegradedSeconds</c>: new tasks then wait in the queue for as long as the running
/// ones take.
/// </summary>
internal sealed class LiteStatusProvider(
    IServiceScopeFactory scopes,
    TaskQueue queue,
    TaskWorkerPool workers,
    ScriptMemoryBudget scriptMemory,
    WebhookAnswerBudget webhookAnswers,
    IOptions<LiteOptions> options) : IModuleStatusProvider
{
    public string Name => BluxSources.Lite;

    public async ValueTask<ModuleStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var storeReachable = await scope.ServiceProvider.GetRequiredService<LiteDbContext>().Database.CanConnectAsync(cancellationToken);
        var allBusyFor = workers.AllBusyFor;
        var status = !storeReachable ? ModuleStatus.Unhealthy
            : allBusyFor >= options.Value.BusyDegradedAfter ? ModuleStatus.Degraded
            : ModuleStatus.Healthy;
        return new ModuleStatus(Name, "1.2", status, new Dictionary<string, object?>
        {
            ["store_reachable"] = storeReachable,
            ["active_tasks"] = workers.Active,
            ["queue_size"] = queue.Count,
            ["webhook_answer_bytes_reserved"] = webhookAnswers.Reserved,
            ["webhook_answer_budget_bytes"] = webhookAnswers.Capacity,
            ["webhook_deliveries_waiting"] = webhookAnswers.Waiting,
            ["workers"] = workers.Workers,
            ["all_workers_busy_s"] = allBusyFor is { } busy ? Math.Round(busy.TotalSeconds, 1) : null,
            ["script_memory_budget_mb"] = scriptMemory.TotalMb,
            ["script_memory_reserved_mb"] = scriptMemory.ReservedMb,
            ["scripts_waiting_for_memory"] = scriptMemory.Waiting,
        });
    }
}
