using Blux.Modules.Guard.Contracts;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Blux.Modules.Reg.Keys;

/// <summary>
/// Rotates each key type every <c>key_rotation_days</c> of the doctrine in force, creating the next key
/// a lead time ahead so it is in JWKS before it signs, and writes down activations and retirements.
/// It sleeps on <see cref="TimeProvider"/> until the next of these is due (at most an hour, so a new
/// doctrine or a manual rotation is taken into account), which lets tests drive it with a fake clock.
/// </summary>
internal sealed class KeyRotationScheduler(
    IServiceScopeFactory scopes,
    IHostApplicationLifetime lifetime,
    IOptions<RegOptions> options,
    TimeProvider clock,
    ILogger<KeyRotationScheduler> logger) : BackgroundService
{
    private static readonly TimeSpan MaxSleep = TimeSpan.FromHours(1);
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Guard (doctrine, audit chain) starts after Reg; wait until every module is up. A start that
        // fails stops the host before that: there is nothing to rotate and nothing to report.
        if (!await WhenStartedAsync(stoppingToken))
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan sleep;
            try
            {
                sleep = await RunOnceAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogError(exception, "Key rotation check failed; retrying in {RetryAfter}", RetryAfterFailure);
                sleep = RetryAfterFailure;
            }

            try
            {
                await Task.Delay(sleep, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>One pass: settle what time made true, rotate what is due; answers how long to sleep.</summary>
    internal async Task<TimeSpan> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var lifecycle = scope.ServiceProvider.GetRequiredService<KeyLifecycle>();
        var doctrine = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new GetDoctrineSummary(), cancellationToken);
        var rotationDays = Math.Max(1, doctrine.KeyRotationDays);
        var lead = RotationLead(rotationDays);

        await lifecycle.SettleAsync(cancellationToken);
        await lifecycle.RotateDueKeysAsync(rotationDays, lead, cancellationToken);
        var next = await lifecycle.SettleAsync(cancellationToken);

        var now = clock.GetUtcNow();
        foreach (var keyType in KeyLifecycle.KeyTypes)
        {
            if (lifecycle.NextRotationPreparation(keyType, now, rotationDays, lead) is { } prepareAt)
            {
                next = next is { } earlier && earlier <= prepareAt ? earlier : prepareAt;
            }
        }

        var sleep = next is { } due ? due - now : MaxSleep;
        return sleep < TimeSpan.Zero ? TimeSpan.Zero : sleep > MaxSleep ? MaxSleep : sleep;
    }

    /// <summary>The configured lead time, but never more than half the rotation period.</summary>
    private TimeSpan RotationLead(int rotationDays)
    {
        var half = TimeSpan.FromDays(rotationDays) / 2;
        return options.Value.RotationLead < half ? options.Value.RotationLead : half;
    }

    /// <summary>True once the host has started; false when it stops first.</summary>
    private async Task<bool> WhenStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult(true));
        using var onStopping = stoppingToken.Register(() => started.TrySetResult(false));
        return await started.Task;
    }
}
