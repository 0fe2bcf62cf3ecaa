using Blux.Modules.Lite.Contracts;
using Blux.Modules.Lite.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Blux.Modules.Lite.Execution;

/// <summary>
/// A bounded pool of workers over the queue. A task whose run could not be recorded (its audit record
/// was not durable) goes back to <c>queued</c> and is tried again after an exponential backoff with jitter.
/// </summary>
internal sealed class TaskWorkerPool(
    TaskQueue queue,
    IServiceScopeFactory scopes,
    TimeProvider clock,
    IOptions<LiteOptions> options,
    ILogger<TaskWorkerPool> logger) : BackgroundService
{
    private int _active;

    public int Active => Volatile.Read(ref _active);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Math.Max(1, options.Value.Workers)).Select(_ => Task.Run(() => WorkAsync(stoppingToken), CancellationToken.None)));

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            string taskId;
            try
            {
                taskId = await queue.DequeueAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            Interlocked.Increment(ref _active);
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<TaskExecutor>().ExecuteAsync(taskId, stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "Task {TaskId} could not be run to a recorded end; it goes back to the queue", taskId);
                await RequeueAsync(taskId);
            }
            catch (OperationCanceledException)
            {
                await RequeueAsync(taskId);
            }
            finally
            {
                Interlocked.Decrement(ref _active);
            }
        }
    }

    private async Task RequeueAsync(string taskId)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<LiteDbContext>();
            var task = await db.Tasks.FirstOrDefaultAsync(t => t.TaskId == taskId);
            if (task is null || TaskStatuses.IsTerminal(task.Status))
            {
                return;
            }

            task.Status = TaskStatuses.Queued;
            await db.SaveChangesAsync();
            var delay = TimeSpan.FromSeconds(Math.Pow(2, Math.Min(task.Attempts, 6)) + Random.Shared.NextDouble());
            _ = Task.Delay(delay, clock).ContinueWith(_ => queue.Enqueue(taskId), TaskScheduler.Default);
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Task {TaskId} could not be put back in the queue; it will be recovered on restart", taskId);
        }
    }
}
