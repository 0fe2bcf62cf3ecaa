using Blux.Modules.Guard.Contracts;
using Blux.Modules.Lite.Contracts;
using Blux.Modules.Lite.Data;
using Blux.Modules.Lite.Domain;
using Blux.Modules.Lite.Execution;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blux.Modules.Lite.Startup;

/// <summary>
/// Migrates Lite's store and recovers what the last stop left half done, before any worker starts:
/// a pending change is finished when its audit record is durable (or it is a run's outcome, which is
/// recorded rather than run again) and withdrawn otherwise; a task that was running is interrupted
/// (<see cref="InterruptedRuns"/>): queued again while it has tries left, failed <c>interrupted</c> when
/// not, failed <c>execution_crashed</c> when its route runs a client's code (a script), cancelled when a
/// cancel was asked. Then every queued task goes into the queue. No accepted task is silently lost.
/// </summary>
internal sealed class LiteInitializer(IServiceScopeFactory scopes, InterruptedRuns interruptedRuns, ILogger<LiteInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<LiteDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);

        var store = services.GetRequiredService<TaskStore>();
        var transitions = services.GetRequiredService<TaskTransitions>();
        var sender = services.GetRequiredService<ISender>();

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

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task FinishPendingAsync(TaskRecord task, TaskStore store, TaskTransitions transitions, ISender sender)
    {
        var pending = task.Pending!;
        var durable = (await sender.Send(new GetAuditRecords([pending.AuditId]), CancellationToken.None)).Count > 0;
        if (durable || pending.Action == TaskActions.Execute)
        {
            await transitions.CompleteAsync(task, recovering: true);
            logger.LogInformation("Task {TaskId}: interrupted {Action} finished on restart", task.TaskId, pending.Action);
        }
        else if (pending.Action == TaskActions.Create)
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
