using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Blux.Modules.Lite.Execution;

/// <summary>
/// A bounded pool of workers over the queue. A stop drains it while the web server still answers
/// (<see cref="StoppingAsync"/> runs before any hosted service stops, the server among them): the workers
/// take nothing more, new submissions get 503, and running tasks get a grace period to finish, after
/// which they are interrupted and go back to the queue with the attempt counted. A task whose outcome
/// could not be recorded (its audit record was not durable) is looked at again after a backoff: the
/// outcome kept on its row is recorded then, the route is not run again. It keeps how long every worker
/// has been busy at once, which Lite's health reports. See ADR 0025.
/// </summary>
internal sealed class TaskWorkerPool(
    TaskQueue queue,
    TaskCompletionNotifier notifier,
    IServiceScopeFactory scopes,
    RetryPolicy retries,
    LiteMetrics metrics,
    TimeProvider clock,
    IOptions<LiteOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<TaskWorkerPool> logger) : BackgroundService, IHostedLifecycleService
{
    private readonly CancellationTokenSource _interrupt = new();
    private readonly CancellationTokenSource _draining = new();
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
    public bool Stopping => _draining.IsCancellationRequested || lifetime.ApplicationStopping.IsCancellationRequested;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// The drain: the workers stop taking tasks at once, and those running get the grace period; what
    /// still runs then is interrupted. <paramref name="cancellationToken"/> is the host's shutdown timeout,
    /// which Lite sets above the grace period; should it end first, what runs is interrupted then.
    /// </summary>
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        await _draining.CancelAsync();
        if (ExecuteTask is not { } workers)
        {
            notifier.Stop();
            return;
        }

        if (Active > 0)
        {
            logger.LogInformation("Stopping: {Active} running tasks get {Grace} to finish; queued tasks stay queued for the next start", Active, options.Value.ShutdownGrace);
        }

        try
        {
            await workers.WaitAsync(options.Value.ShutdownGrace, clock, cancellationToken);
        }
        catch (Exception exception) when (exception is TimeoutException or OperationCanceledException)
        {
            logger.LogWarning("{Active} tasks still running after the {Grace} grace period; interrupting them", Active, options.Value.ShutdownGrace);
            await _interrupt.CancelAsync();
        }

        try
        {
            // The interrupted runs are recorded (queued again, the attempt counted) before the server stops.
            await workers.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            logger.LogWarning("The host's shutdown timeout ended before every interrupted task was recorded; the next start recovers them");
        }

        notifier.Stop();
    }

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Normally drained already by StoppingAsync; a host stopped without it still ends every run.
        await _draining.CancelAsync();
        await _interrupt.CancelAsync();
        await base.StopAsync(cancellationToken);
        notifier.Stop();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var taking = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, _draining.Token);
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(() => WorkAsync(taking.Token), CancellationToken.None)));
    }

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
