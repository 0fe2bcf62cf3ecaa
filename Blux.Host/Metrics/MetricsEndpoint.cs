namespace Blux.Host.Metrics;

internal static class MetricsEndpoint
{
    /// <summary>
    /// OpenTelemetry's Prometheus exporter answers the scrape, from a handler of the host's own, so
    /// that the endpoint is documented and authorized like every other; the scope stays what it was.
    /// </summary>
    public static void MapMetricsEndpoint(this IEndpointRouteBuilder app)
    {
        var scrape = app.CreateApplicationBuilder().UseOpenTelemetryPrometheusScrapingEndpoint(_ => true).Build();

        // A Func, not a RequestDelegate: minimal APIs then record the handler (and its assembly) as for any endpoint.
        Func<HttpContext, Task> handler = context => scrape(context);
        app.MapGet("/metrics", handler)
            .RequireAuthorization(Blux.SharedKernel.Identity.Scopes.Policy(Blux.SharedKernel.Identity.Scopes.AuditRead))
            .Produces<string>(StatusCodes.Status200OK, "text/plain")
            .WithName("host_metrics")
            .WithTags("Host")
            .WithSummary("Get metrics")
            .WithDescription("Prometheus text exposition from OpenTelemetry: HTTP requests and durations, tasks, audit appends, keys, rate limits, modules and the .NET runtime.");
    }
}
