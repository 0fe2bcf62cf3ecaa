using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Blux.Modules.Lite.Execution;

/// <summary>
/// A bounded pool of workers over the queue. On stop the workers take nothing more; running tasks get
/// a grace period to finish, after which they are interrupted and go back to the queue. A task whose
/// outcome could not be recorded (its audit record was not durable) is looked at again after a
/// backoff: the outcome kept on its row is recorded then, the route is not run again. It keeps how long
/// every worker has been busy at once, which Lite's health reports.
/// </summary>
internal sealed class TaskWorkerPool(
    TaskQueue queue,
    IServiceScopeFactory scopes,
    RetryPolicy retries,
    LiteMetrics metrics,
    TimeProvider clock,
    IOptions<LiteOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<TaskWorkerPool> logger) : BackgroundService
{
    private readonly CancellationTokenSource _interrupt = new();
    private readonly object _busyGate = new();
    private int _active;
    private long? _allBusySince;

    public int Active => Volatile.Read(ref _active);

    public int Workers => Math.Max(1, options.Value.Workers);

    /// <summary>How long no worker has been free, or null when one is.</summary>
    public TimeSpan? AllBusyFor
    {
        get
        {
            lock (_busyGate)
            {
                return _allBusySince is { } since ? clock.GetElapsedTime(since) : null;
            }
        }
    }

    /// <summary>True once the host is stopping: new tasks are refused from then on.</summary>
    public bool Stopping => lifetime.ApplicationStopping.IsCancellationRequested;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // The workers stop taking tasks at once (base.StopAsync cancels stoppingToken) ...
        var stopped = base.StopAsync(cancellationToken);
        var grace = Task.Delay(options.Value.ShutdownGrace, clock, cancellationToken);
        if (await Task.WhenAny(stopped, grace) != stopped)
        {
            // ... and what still runs after the grace period is interrupted and re-queued.
            logger.LogWarning("{Active} tasks still running after the {Grace} grace period; interrupting them", Active, options.Value.ShutdownGrace);
            await _interrupt.CancelAsync();
        }

        await stopped;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(() => WorkAsync(stoppingToken), CancellationToken.None)));

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

            Busy(+1);
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<TaskExecutor>().ExecuteAsync(taskId, _interrupt.Token);
            }
            catch (Exception exception)
            {
                var delay = retries.DelayAfter(1);
                logger.LogWarning(exception, "Task {TaskId} could not be run to a recorded end; looking at it again in {Delay}", taskId, delay);
                queue.EnqueueAt(taskId, clock.GetUtcNow() + delay);
            }
            finally
            {
                Busy(-1);
            }
        }
    }

    private void Busy(int change)
    {
        lock (_busyGate)
        {
            _active += change;
            metrics.Running(change);
            if (_active < Workers)
            {
                _allBusySince = null;
            }
            else
            {
                _allBusySince ??= clock.GetTimestamp();
            }
        }
    }
}
