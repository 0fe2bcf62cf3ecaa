using System.Diagnostics;

namespace Blux.Host.Metrics;

/// <summary>Records each request under its route pattern (not its raw path, which would explode the label set).</summary>
internal sealed class RequestMetricsMiddleware(RequestDelegate next, BluxMetrics metrics)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var endpoint = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
            metrics.RecordRequest(endpoint, context.Response.StatusCode, Stopwatch.GetElapsedTime(started));
        }
    }
}
