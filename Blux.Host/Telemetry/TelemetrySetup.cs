using Blux.Host.Metrics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Blux.Host.Telemetry;

/// <summary>
/// OpenTelemetry for the whole process. Metrics: every Blux meter, ASP.NET Core's HTTP metrics,
/// outgoing HTTP and the .NET runtime, scraped at <c>/metrics</c>. Traces: every Blux activity
/// source, incoming requests (a client's <c>traceparent</c> is their parent) and outgoing HTTP
/// (webhooks). OTLP export of both is added only when an <c>OTEL_EXPORTER_OTLP_*ENDPOINT</c> is set,
/// so no collector is needed to run Blux; the SDK reads the other <c>OTEL_*</c> variables itself
/// (<c>OTEL_TRACES_SAMPLER</c>, <c>OTEL_SERVICE_NAME</c>, …).
/// </summary>
internal static class TelemetrySetup
{
    public const string TraceIdHeader = "X-Trace-Id";

    public static void AddBluxTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ModuleGauges>();
        builder.Services.AddSingleton<EventTotals>();
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("blux", serviceVersion: typeof(TelemetrySetup).Assembly.GetName().Version?.ToString()))
            .WithMetrics(metrics => metrics
                .AddMeter(HostTelemetry.AllBlux)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter())
            .WithTracing(tracing => tracing
                .AddSource(HostTelemetry.AllBlux)
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !IsProbe(context.Request.Path))
                .AddHttpClientInstrumentation());
        if (OtlpConfigured(builder.Configuration))
        {
            telemetry.UseOtlpExporter();
        }
    }

    /// <summary>
    /// Module gauges read the module status providers, so they are made once the host is built; every
    /// response names its trace in <c>X-Trace-Id</c>, for a client reporting a problem.
    /// </summary>
    public static void UseBluxTelemetry(this WebApplication app)
    {
        app.Services.GetRequiredService<ModuleGauges>();
        app.Use((context, next) =>
        {
            if (System.Diagnostics.Activity.Current is { } request)
            {
                context.Response.Headers[TraceIdHeader] = request.TraceId.ToHexString();
            }

            return next(context);
        });
    }

    /// <summary>Probes and scrapes come every few seconds and would drown the traces worth reading.</summary>
    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/ready") || path.StartsWithSegments("/metrics");

    private static bool OtlpConfigured(IConfiguration configuration) =>
        new[] { "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT" }
            .Any(name => !string.IsNullOrWhiteSpace(configuration[name]));
}
