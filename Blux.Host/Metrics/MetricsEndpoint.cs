using Blux.SharedKernel.Modules;

namespace Blux.Host.Metrics;

internal static class MetricsEndpoint
{
    public static void MapMetricsEndpoint(this IEndpointRouteBuilder app) =>
        app.MapGet("/metrics", async (BluxMetrics metrics, IEnumerable<IModuleStatusProvider> modules, CancellationToken cancellationToken) =>
            {
                var gauges = new List<(string Labels, double Value)>();
                var health = new List<(string Labels, double Value)>();
                foreach (var module in modules)
                {
                    var status = await module.GetStatusAsync(cancellationToken);
                    health.Add(($"{{module=\"{status.Name}\"}}", status.Status == ModuleStatus.Healthy ? 1 : 0));
                    foreach (var key in new[] { "queue_size", "active_tasks" })
                    {
                        if (status.Details.TryGetValue(key, out var value) && value is int number)
                        {
                            gauges.Add(($"{{module=\"{status.Name}\",gauge=\"{key}\"}}", number));
                        }
                    }
                }

                var text = metrics.ToPrometheusText(
                [
                    ("blux_module_healthy", "1 when the module reports healthy.", "gauge", health),
                    ("blux_tasks", "Lite's queue size and running tasks.", "gauge", gauges),
                ]);
                return Results.Text(text, "text/plain; version=0.0.4; charset=utf-8");
            })
            .RequireAuthorization(Blux.SharedKernel.Identity.Scopes.Policy(Blux.SharedKernel.Identity.Scopes.AuditRead))
            .WithTags("Host")
            .WithSummary("Prometheus text: requests, durations, events, module health and task gauges.");
}
