using Blux.Modules.Guard.Contracts;
using Blux.SharedKernel;
using Blux.SharedKernel.Errors;
using Blux.SharedKernel.Identity;
using Blux.SharedKernel.Modules;
using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Mediator;

namespace Blux.Host.Health;

/// <summary><c>/health</c>, <c>/ready</c>, <c>/status/detailed</c> and <c>GET /v1/status</c> (docs/contract.md#status-health-and-metrics).</summary>
internal static class StatusEndpoints
{
    public const string Version = "1.0.0";

    public static void MapStatusEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", async (IEnumerable<IModuleStatusProvider> modules, StoreProbes stores, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var statuses = await CollectAsync(modules, stores, cancellationToken);
                return Results.Ok(new HealthReport(Overall(statuses), statuses.ToDictionary(s => s.Name, s => s.Status), clock.GetUtcNow()));
            })
            .AllowAnonymous()
            .Produces<HealthReport>()
            .WithName("host_health")
            .WithTags("Host")
            .WithSummary("Get health")
            .WithDescription("Liveness with each module's health: healthy, degraded (a store slow or a module impaired) or unhealthy. Always 200 while the process answers.");

        app.MapGet("/ready", async (HttpContext context, IEnumerable<IModuleStatusProvider> modules, StoreProbes stores, IHostApplicationLifetime lifetime, CancellationToken cancellationToken) =>
            {
                // From the stop signal on, while running tasks drain: a load balancer sends new work elsewhere.
                if (lifetime.ApplicationStopping.IsCancellationRequested)
                {
                    throw BluxException.Unavailable("host", "Blux is stopping.");
                }

                var statuses = await CollectAsync(modules, stores, cancellationToken);
                var unhealthy = statuses.Where(s => s.Status == ModuleStatus.Unhealthy).Select(s => s.Name).ToArray();
                if (unhealthy.Length > 0)
                {
                    throw BluxException.Unavailable(string.Join(',', unhealthy), "Blux is not ready to take requests.");
                }

                return Results.Ok(new Readiness("ready"));
            })
            .AllowAnonymous()
            .Produces<Readiness>()
            .Produces<ErrorEnvelope>(StatusCodes.Status503ServiceUnavailable)
            .WithName("host_ready")
            .WithTags("Host")
            .WithSummary("Get readiness")
            .WithDescription("Readiness: 200 when every module can serve, 503 otherwise (a module unhealthy, or from the moment Blux is asked to stop).");

        app.MapGet("/status/detailed", async (IEnumerable<IModuleStatusProvider> modules, StoreProbes stores, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var statuses = await CollectAsync(modules, stores, cancellationToken);
                return Results.Ok(new
                {
                    status = Overall(statuses),
                    version = Version,
                    timestamp = BluxTime.ToText(clock.GetUtcNow()),
                    process = ProcessMemory.Read(),
                    modules = statuses.ToDictionary(s => s.Name, s => new { version = s.Version, status = s.Status, details = s.Details }),
                });
            })
            .RequireAuthorization(Scopes.Policy(Scopes.AuditRead))
            .Produces<DetailedStatus>()
            .WithName("host_status_detailed")
            .WithTags("Host")
            .WithSummary("Get detailed status")
            .WithDescription("Per-module detail: store reachable, queue, key ages, doctrine digest, audit head and last checkpoint, in-memory structures; the process's memory. The details of each module are its own and may grow.");

        app.MapGet("/v1/status", async (IEnumerable<IModuleStatusProvider> modules, StoreProbes stores, ISender sender, StartTime started, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var statuses = await CollectAsync(modules, stores, cancellationToken);
                var doctrine = await sender.Send(new GetDoctrineSummary(), cancellationToken);
                return Results.Ok(new
                {
                    status = Overall(statuses),
                    version = Version,
                    doctrine_version = doctrine.DoctrineVersion,
                    uptime_s = (long)(clock.GetUtcNow() - started.At).TotalSeconds,
                    modules = statuses.ToDictionary(s => s.Name, s => Summary(s)),
                });
            })
            .RequireAuthorization(Scopes.Policy(Scopes.TasksRead))
            .Produces<StatusSummary>()
            .WithName("status_get")
            .WithTags("Host")
            .WithSummary("Get status")
            .WithDescription("Blux and module versions, doctrine version, uptime, and Lite's queue.");
    }

    private static Dictionary<string, object?> Summary(ModuleStatus status)
    {
        var summary = new Dictionary<string, object?> { ["version"] = status.Version, ["status"] = status.Status };
        foreach (var key in new[] { "active_tasks", "queue_size" })
        {
            if (status.Details.TryGetValue(key, out var value))
            {
                summary[key] = value;
            }
        }

        return summary;
    }

    /// <summary>
    /// Each module's own report (from memory) with its store's last probe: the worse of the two wins.
    /// Nothing here touches a store, so these endpoints answer at once even on a stalled disk.
    /// </summary>
    internal static async Task<ModuleStatus[]> CollectAsync(IEnumerable<IModuleStatusProvider> modules, StoreProbes stores, CancellationToken cancellationToken)
    {
        var results = new List<ModuleStatus>();
        foreach (var module in modules)
        {
            try
            {
                results.Add(WithStore(await module.GetStatusAsync(cancellationToken), stores.StateOf(module.Name)));
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                results.Add(new ModuleStatus(module.Name, "unknown", ModuleStatus.Unhealthy, new Dictionary<string, object?> { ["error"] = "status check failed" }));
            }
        }

        return results.OrderBy(r => r.Name, StringComparer.Ordinal).ToArray();
    }

    private static ModuleStatus WithStore(ModuleStatus status, StoreState store)
    {
        var details = new Dictionary<string, object?>(status.Details)
        {
            ["store_reachable"] = store.Reachable,
            ["store"] = new Dictionary<string, object?>
            {
                ["status"] = store.Health,
                ["issue"] = store.Issue,
                ["checked_at"] = store.CheckedAt is { } at ? BluxTime.ToText(at) : null,
            },
        };
        return status with { Status = Worse(status.Status, store.Health), Details = details };
    }

    private static string Worse(string a, string b) =>
        a == ModuleStatus.Unhealthy || b == ModuleStatus.Unhealthy ? ModuleStatus.Unhealthy
        : a == ModuleStatus.Degraded || b == ModuleStatus.Degraded ? ModuleStatus.Degraded
        : ModuleStatus.Healthy;

    internal static string Overall(IEnumerable<ModuleStatus> statuses)
    {
        var all = statuses.Select(s => s.Status).ToArray();
        return all.Contains(ModuleStatus.Unhealthy) ? ModuleStatus.Unhealthy
            : all.Contains(ModuleStatus.Degraded) ? ModuleStatus.Degraded
            : ModuleStatus.Healthy;
    }
}

/// <summary>When this process started, for <c>uptime_s</c>.</summary>
internal sealed record StartTime(DateTimeOffset At);

/// <summary>The answer of <c>/health</c>.</summary>
internal sealed record HealthReport(
    [property: AllowedValues(ModuleStatus.Healthy, ModuleStatus.Degraded, ModuleStatus.Unhealthy)] string Status,
    [property: Description("Each module's status by name: blux-lite, blux-ca, blux-guard, blux-reg.")] IReadOnlyDictionary<string, string> Services,
    DateTimeOffset Timestamp);

internal sealed record Readiness([property: AllowedValues("ready")] string Status);

/// <summary>The shape of <c>/status/detailed</c>, for the OpenAPI document.</summary>
internal sealed record DetailedStatus(
    [property: AllowedValues(ModuleStatus.Healthy, ModuleStatus.Degraded, ModuleStatus.Unhealthy)] string Status,
    string Version,
    DateTimeOffset Timestamp,
    [property: Description("Working set and GC heap in bytes, gen 2 collections.")] IReadOnlyDictionary<string, long> Process,
    IReadOnlyDictionary<string, ModuleDetail> Modules);

internal sealed record ModuleDetail(
    string Version,
    [property: AllowedValues(ModuleStatus.Healthy, ModuleStatus.Degraded, ModuleStatus.Unhealthy, "unknown")] string Status,
    [property: Description("The module's own figures: store reachability and its last probe, queue, keys, doctrine, audit head, memory.")] System.Text.Json.Nodes.JsonObject Details);

/// <summary>The shape of <c>GET /v1/status</c>, for the OpenAPI document.</summary>
internal sealed record StatusSummary(
    [property: AllowedValues(ModuleStatus.Healthy, ModuleStatus.Degraded, ModuleStatus.Unhealthy)] string Status,
    string Version,
    long DoctrineVersion,
    long UptimeS,
    [property: Description("blux-lite, blux-ca, blux-guard and blux-reg.")] IReadOnlyDictionary<string, ModuleSummary> Modules);

internal sealed record ModuleSummary(
    string Version,
    [property: AllowedValues(ModuleStatus.Healthy, ModuleStatus.Degraded, ModuleStatus.Unhealthy, "unknown")] string Status,
    [property: Description("Lite only: tasks running now.")] int? ActiveTasks = null,
    [property: Description("Lite only: tasks waiting to run.")] int? QueueSize = null);

