using Blux.Host.Health;
using Blux.SharedKernel.Modules;

namespace Blux.Host.Metrics;

internal static class MetricsEndpoint
{
    public static void MapMetricsEndpoint(this IEndpointRouteBuilder app) =>
        app.MapGet("/metrics", async (BluxMetrics metrics, IEnumerable<IModuleStatusProvider> modules, StoreProbes stores, CancellationToken cancellationToken) =>
            {
                var gauges = new List<(string Labels, double Value)>();
                var health = new List<(string Labels, double Value)>();
                var entries = new List<(string Labels, double Value)>();
                var bytes = new List<(string Labels, double Value)>();
                foreach (var status in await StatusEndpoints.CollectAsync(modules, stores, cancellationToken))
                {
                    health.Add(($"{{module=\"{status.Name}\"}}", status.Status == ModuleStatus.Healthy ? 1 : 0));
                    foreach (var key in new[] { "queue_size", "active_tasks" })
                    {
                        if (status.Details.TryGetValue(key, out var value) && value is int number)
                        {
                            gauges.Add(($"{{module=\"{status.Name}\",gauge=\"{key}\"}}", number));
                        }
                    }

                    if (status.Details.TryGetValue("memory", out var memory) && memory is IReadOnlyDictionary<string, object?> structures)
                    {
                        foreach (var (name, use) in structures)
                        {
                            if (use is IReadOnlyDictionary<string, object?> figures)
                            {
                                entries.Add(($"{{module=\"{status.Name}\",structure=\"{name}\"}}", Convert.ToDouble(figures["entries"], System.Globalization.CultureInfo.InvariantCulture)));
                                bytes.Add(($"{{module=\"{status.Name}\",structure=\"{name}\"}}", Convert.ToDouble(figures["estimated_bytes"], System.Globalization.CultureInfo.InvariantCulture)));
                            }
                        }
                    }
                }

                var process = ProcessMemory.Read().Select(p => ($"{{kind=\"{p.Key}\"}}", (double)p.Value)).ToList();
                var text = metrics.ToPrometheusText(
                [
                    ("blux_module_healthy", "1 when the module reports healthy.", "gauge", health),
                    ("blux_tasks", "Lite's queue size and running tasks.", "gauge", gauges),
                    ("blux_memory_entries", "Entries held by each bounded in-memory structure.", "gauge", entries),
                    ("blux_memory_estimated_bytes", "Estimated bytes held by each bounded in-memory structure.", "gauge", bytes),
                    ("blux_process_memory", "The process's working set and GC heap (bytes) and its gen 2 collections.", "gauge", process),
                ]);
                return Results.Text(text, "text/plain; version=0.0.4; charset=utf-8");
            })
            .RequireAuthorization(Blux.SharedKernel.Identity.Scopes.Policy(Blux.SharedKernel.Identity.Scopes.AuditRead))
            .Produces<string>(StatusCodes.Status200OK, "text/plain")
            .WithName("host_metrics")
            .WithTags("Host")
            .WithSummary("Get metrics")
            .WithDescription("Prometheus text exposition: requests, durations, events, module health, task gauges and memory.");
}
