using Blux.Modules.Guard.Contracts;
using Blux.Modules.Lite.Contracts;
using Blux.Modules.Lite.Data;
using Blux.Modules.Lite.Datasets;
using Blux.Modules.Lite.Domain;
using Blux.Modules.Lite.Execution;
using Blux.SharedKernel.Stores;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Blux.Modules.Lite.Startup;

/// <summary>
/// Migrates Lite's store and recovers what the last stop left half done, before any worker starts:
/// a pending change is finished when its audit record is durable (or it is a run's outcome, which is
/// recorded rather than run again) and withdrawn otherwise; a task that was running is interrupted
/// (<see cref="InterruptedRuns"/>): queued again while it has tries left, failed <c>interrupted</c> when
/// not, failed <c>execution_crashed</c> when its route runs a client's code (a script), cancelled when a
/// cancel was asked. Then every queued task goes into the queue. No accepted task is silently lost.
/// Before any of it, the newest tasks' audit records must be in Guard's chain: a task's status moves
/// only after its record is durable, so a record missing there means guard.db is older than lite.db.
/// </summary>
internal sealed class LiteInitializer(
    IServiceScopeFactory scopes,
    InterruptedRuns interruptedRuns,
    LiteModuleStore liteStore,
    TaskStore taskStore,
    StoreLedger ledger,
    ILogger<LiteInitializer> logger) : ModuleStoreInitializer<LiteDbContext>(scopes, liteStore)
{
    /// <summary>How many of the newest tasks have their last audit record looked up in Guard's chain at start-up.</summary>
    private const int TasksCheckedAgainstAudit = 32;

    /// <summary>Runs after the workers have stopped (they are registered later): what they handed over is written.</summary>
    public override Task StopAsync(CancellationToken cancellationToken) => taskStore.StopAsync();

    protected override async Task InitializeAsync(IServiceProvider services, LiteDbContext db, CancellationToken cancellationToken)
    {
        var store = taskStore;
        store.Start();
        var transitions = services.GetRequiredService<TaskTransitions>();
        var sender = services.GetRequiredService<ISender>();
        await EnsureGuardHoldsTheTasksRecordsAsync(store, sender, cancellationToken);
        services.GetRequiredService<DatasetStore>().RemoveUnfinished();

        var pending = await store.FindPendingAsync(cancellationToken);
        foreach (var task in pending)
        {
            await FinishPendingAsync(task, store, transitions, sender);
        }

        var interrupted = await store.FindByStatusAsync(TaskStatuses.Running, cancellationToken);
        foreach (var task in interrupted)
        {
            var ended = await transitions.RunAsync(task.TaskId, t => interruptedRuns.Plan(t, crashed: true), cancellationToken);
            if (ended.ErrorCode == InterruptedRuns.Crashed)
            {
                logger.LogWarning("Task {TaskId} ({Type}) was running when Blux stopped unexpectedly; failed {Code}, not run again", ended.TaskId, ended.Type, ended.ErrorCode);
            }
        }

        var queued = await store.FindByStatusAsync(TaskStatuses.Queued, cancellationToken);
        foreach (var task in queued)
        {
            transitions.AfterCommit(task);
        }

        if (pending.Count + interrupted.Count + queued.Count > 0)
        {
            logger.LogInformation(
                "Recovered the task store: {Pending} pending changes finished or withdrawn, {Interrupted} interrupted runs, {Queued} queued tasks",
                pending.Count, interrupted.Count, queued.Count);
        }
    }

    /// <summary>
    /// Looks up the last audit record of each of the newest settled tasks created since both stores
    /// became the ones they are now (an accepted new guard.db never held the old tasks' records).
    /// </summary>
    private async Task EnsureGuardHoldsTheTasksRecordsAsync(TaskStore store, ISender sender, CancellationToken cancellationToken)
    {
        var since = ledger.Since("guard") > ledger.Since(liteStore.Module) ? ledger.Since("guard") : ledger.Since(liteStore.Module);
        var newest = await store.FindNewestSettledAsync(TasksCheckedAgainstAudit, since, cancellationToken);
        var expected = newest.Where(t => t.AuditTrail.Count > 0).Select(t => (t.TaskId, AuditId: t.AuditTrail[^1])).ToList();
        if (expected.Count == 0)
        {
            return;
        }

        var found = (await sender.Send(new GetAuditRecords(expected.Select(e => e.AuditId).ToList()), cancellationToken))
            .Select(r => r["audit_id"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        var missing = expected.Where(e => !found.Contains(e.AuditId)).ToList();
        if (missing.Count > 0)
        {
            throw StoreStartupException.Refuse(
                "guard",
                liteStore.FilePath,
                $"task {missing[0].TaskId} names audit record {missing[0].AuditId}, which guard.db does not hold ({missing.Count} of the newest {expected.Count} tasks' last records are missing there): guard.db is older than lite.db, or from another installation");
        }
    }

    private async Task FinishPendingAsync(TaskRecord task, TaskStore store, TaskTransitions transitions, ISender sender)
    {
        var pending = task.Pending!;
        var durable = (await sender.Send(new GetAuditRecords([pending.AuditId]), CancellationToken.None)).Count > 0;
        if (durable || pending.Action == TaskAction.Execute)
        {
            await transitions.CompleteAsync(task, recovering: true);
            logger.LogInformation("Task {TaskId}: interrupted {Action} finished on restart", task.TaskId, pending.Action.Name());
        }
        else if (pending.Action == TaskAction.Create)
        {
            // Never audited, never answered 202: as if it had not been submitted.
            await store.DeleteAsync(task);
            logger.LogInformation("Task {TaskId}: submission interrupted before its audit record; dropped", task.TaskId);
        }
        else
        {
            await transitions.WithdrawAsync(task, pending);
        }
    }
}
