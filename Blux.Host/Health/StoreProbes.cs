using System.Collections.Concurrent;
using Blux.SharedKernel;
using Blux.SharedKernel.Modules;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Blux.Host.Health;

/// <summary>
/// Probes each module's store off the request path and keeps the last answer, so that <c>/health</c>,
/// <c>/ready</c> and the status endpoints answer from memory however the disk behaves. Every
/// <c>Blux:Health:StoreProbeSeconds</c> each store is opened (never created) and its write lock taken
/// and given back at once, on a thread of its own; a probe that has not answered within that time
/// counts as a stalled store, and no second probe of that store starts until the first returns.
/// </summary>
internal sealed class StoreProbes(IConfiguration configuration, IOptions<HealthOptions> options, TimeProvider clock, ILogger<StoreProbes> logger) : BackgroundService
{
    /// <summary>The module store files, by the module name the status endpoints use.</summary>
    public static readonly IReadOnlyDictionary<string, string> Stores = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["blux-reg"] = "reg",
        ["blux-guard"] = "guard",
        ["blux-ca"] = "ca",
        ["blux-lite"] = "lite",
    };

    private readonly ConcurrentDictionary<string, StoreState> _states = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task> _running = new(StringComparer.Ordinal);
    private readonly TimeSpan _every = TimeSpan.FromSeconds(options.Value.StoreProbeSeconds);

    /// <summary>The last known state of a module's store; a store not probed yet counts as reachable.</summary>
    public StoreState StateOf(string module)
    {
        var state = _states.GetValueOrDefault(module) ?? StoreState.NotProbed;
        return _running.TryGetValue(module, out var probe) && !probe.IsCompleted && state.ProbeStartedAt is { } started && clock.GetUtcNow() - started > _every
            ? state with { Health = ModuleStatus.Degraded, Issue = "store_stalled" }
            : state;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var dataPath = BluxPaths.DataPath(configuration);
        while (!stoppingToken.IsCancellationRequested)
        {
            foreach (var (module, file) in Stores)
            {
                if (_running.TryGetValue(module, out var previous) && !previous.IsCompleted)
                {
                    continue;
                }

                var started = clock.GetUtcNow();
                _states.AddOrUpdate(module, _ => StoreState.NotProbed with { ProbeStartedAt = started }, (_, s) => s with { ProbeStartedAt = started });
                _running[module] = Task.Run(() => Probe(module, Path.Combine(dataPath, file + ".db")), CancellationToken.None);
            }

            await Task.Delay(_every, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private void Probe(string module, string path)
    {
        StoreState state;
        try
        {
            // ReadWrite, not ReadWriteCreate: a probe must never make an empty store where one is missing.
            var connectionString = new SqliteConnectionStringBuilder
            {
                DataSource = path,
                Mode = SqliteOpenMode.ReadWrite,
                Pooling = false,
                DefaultTimeout = (int)_every.TotalSeconds,
            }.ToString();
            using var connection = new SqliteConnection(connectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA busy_timeout={(int)_every.TotalMilliseconds}; BEGIN IMMEDIATE; SELECT count(*) FROM sqlite_master; ROLLBACK;";
            command.ExecuteNonQuery();
            state = new StoreState(ModuleStatus.Healthy, true, null, clock.GetUtcNow(), null);
        }
        catch (SqliteException exception) when (exception.SqliteErrorCode is 5 or 6)
        {
            // SQLITE_BUSY, SQLITE_LOCKED: the file is there but its writers are held up.
            state = new StoreState(ModuleStatus.Degraded, true, "store_locked", clock.GetUtcNow(), null);
        }
        catch (Exception exception)
        {
            logger.LogWarning("The store of {Module} did not answer a probe: {Reason}", module, exception.Message);
            state = new StoreState(ModuleStatus.Unhealthy, false, "store_unreachable", clock.GetUtcNow(), null);
        }

        _states[module] = state;
    }
}

/// <param name="Health">healthy, degraded (locked or stalled) or unhealthy (cannot be opened).</param>
/// <param name="Reachable">Whether the last finished probe opened the file.</param>
/// <param name="Issue">store_locked, store_stalled or store_unreachable; null when healthy.</param>
/// <param name="CheckedAt">When the last probe finished; null before the first.</param>
/// <param name="ProbeStartedAt">When the probe now running started; null when none runs.</param>
internal sealed record StoreState(string Health, bool Reachable, string? Issue, DateTimeOffset? CheckedAt, DateTimeOffset? ProbeStartedAt)
{
    public static readonly StoreState NotProbed = new(ModuleStatus.Healthy, true, null, null, null);
}
