using Blux.Modules.Lite.Contracts;
using Blux.Modules.Lite.Data;
using Blux.Modules.Lite.Execution;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blux.Modules.Lite.Startup;

/// <summary>
/// Migrates Lite's store and refills the queue from it: queued tasks run, and tasks that were running
/// when the process stopped are queued again, so no accepted task is silently lost.
/// </summary>
internal sealed class LiteInitializer(IServiceScopeFactory scopes, TaskQueue queue, ILogger<LiteInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiteDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);

        var interrupted = await db.Tasks.Where(t => t.Status == TaskStatuses.Running).ToListAsync(cancellationToken);
        foreach (var task in interrupted)
        {
            task.Status = TaskStatuses.Queued;
        }

        await db.SaveChangesAsync(cancellationToken);
        var queued = await db.Tasks.AsNoTracking().Where(t => t.Status == TaskStatuses.Queued).OrderBy(t => t.CreatedAt).Select(t => t.TaskId).ToListAsync(cancellationToken);
        foreach (var taskId in queued)
        {
            queue.Enqueue(taskId);
        }

        if (queued.Count > 0)
        {
            logger.LogInformation("Recovered {Queued} queued tasks, {Interrupted} of them interrupted by the last stop", queued.Count, interrupted.Count);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
