using Blux.Modules.Lite.Data;
using Blux.Modules.Lite.Execution;
using Blux.Modules.Lite.Routes;
using Blux.SharedKernel.Events;
using Blux.SharedKernel.Modules;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Blux.Modules.Lite;

internal sealed class LiteStatusProvider(IServiceScopeFactory scopes, TaskQueue queue, TaskWorkerPool workers, WebhookAnswerBudget webhookAnswers) : IModuleStatusProvider
{
    public string Name => BluxSources.Lite;

    public async ValueTask<ModuleStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var storeReachable = await scope.ServiceProvider.GetRequiredService<LiteDbContext>().Database.CanConnectAsync(cancellationToken);
        return new ModuleStatus(Name, "1.2", storeReachable ? ModuleStatus.Healthy : ModuleStatus.Unhealthy, new Dictionary<string, object?>
        {
            ["store_reachable"] = storeReachable,
            ["active_tasks"] = workers.Active,
            ["queue_size"] = queue.Count,
            ["webhook_answer_bytes_reserved"] = webhookAnswers.Reserved,
            ["webhook_answer_budget_bytes"] = webhookAnswers.Capacity,
            ["webhook_deliveries_waiting"] = webhookAnswers.Waiting,
        });
    }
}
