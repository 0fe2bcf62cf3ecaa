using System.Net;
using Blux.Modules.Lite.Data;
using Blux.Modules.Lite.Datasets;
using Blux.Modules.Lite.Execution;
using Blux.Modules.Lite.Features;
using Blux.Modules.Lite.Features.CancelTask;
using Blux.Modules.Lite.Features.GetTask;
using Blux.Modules.Lite.Features.ListDatasets;
using Blux.Modules.Lite.Features.ListTasks;
using Blux.Modules.Lite.Features.PutDataset;
using Blux.Modules.Lite.Features.ReviewTask;
using Blux.Modules.Lite.Features.GetTaskEvents;
using Blux.Modules.Lite.Features.ListRoutes;
using Blux.Modules.Lite.Features.SubmitTask;
using Blux.Modules.Lite.Routes;
using Blux.Modules.Lite.Startup;
using Blux.SharedKernel.Modules;
using Blux.SharedKernel.Settings;
using Blux.SharedKernel.Stores;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Blux.Modules.Lite;

/// <summary>Lite: task intake, routing and durable execution (docs/contract.md#task-flow).</summary>
public static class LiteModule
{
    public static IServiceCollection AddLiteModule(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(LiteOptions.Section);
        services.AddBluxSettings<LiteOptions>(LiteOptions.Section, "Webhooks");
        services.AddSingleton(Options.Create(WebhookSettings.Read(section.GetSection("Webhooks"))));
        services.AddSingleton<DatasetStore>();
        services.AddSingleton<ScriptMemoryBudget>();
        services.AddSingleton<ITaskRoute, EchoRoute>();
        services.AddSingleton<ITaskRoute, AnalysisRoute>();
        services.AddSingleton<ITaskRoute, ScriptRoute>();
        services.AddSingleton<ITaskRoute, WebhookRoute>();
        services.AddSingleton<WebhookAnswerBudget>();
        // A delivery is bounded by its tries' timeouts and the task's time limit, not by HttpClient's
        // own 100 s, which would end a long one with an exception no route expects. Redirects are the
        // route's to decide (same origin only, where the target allows them); answers arrive as sent,
        // so the size cap counts the bytes Blux actually holds; no cookie jar carries one target's
        // answer into the next delivery.
        services.AddHttpClient(WebhookOptions.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.None,
                UseCookies = false,
            })
            .AddResilienceHandler("webhook-delivery", (pipeline, context) =>
            {
                var webhooks = context.ServiceProvider.GetRequiredService<IOptions<WebhookOptions>>().Value;

                // Polly needs at least one retry in a retry strategy: Retries = 0 means none at all.
                if (webhooks.Retries > 0)
                {
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = webhooks.Retries,
                        Delay = webhooks.RetryDelay,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                    });
                }

                pipeline.AddTimeout(webhooks.AttemptTimeout);
            });
        services.AddSingleton<RouteRegistry>();
        services.AddSingleton<TaskStore>();
        services.AddSingleton<TaskQueue>();
        services.AddSingleton<LiteMetrics>();
        services.AddSingleton<TaskTraces>();
        services.AddSingleton<RunningTasks>();
        services.AddSingleton(sp => new RetryPolicy(sp.GetRequiredService<IOptions<LiteOptions>>()));
        services.AddSingleton<InterruptedRuns>();
        services.AddSingleton<ExecutionRecords>();
        services.AddScoped<TaskTransitions>();
        services.AddScoped<TaskActionGuard>();
        services.AddSingleton<TaskAccess>();
        services.AddSingleton<TaskCompletionNotifier>();
        services.AddScoped<TaskExecutor>();
        services.AddModuleStore<LiteDbContext, LiteInitializer>(new LiteModuleStore(configuration));
        services.AddSingleton<TaskWorkerPool>();
        services.AddHostedService(sp => sp.GetRequiredService<TaskWorkerPool>());
        // The host's own bound on a stop must leave the grace period whole, and time after it for the
        // writers to drain and the stores' marks to be recorded.
        services.AddOptions<HostOptions>().PostConfigure<IOptions<LiteOptions>>((host, lite) =>
            host.ShutdownTimeout = TimeSpan.FromTicks(Math.Max(host.ShutdownTimeout.Ticks, (lite.Value.ShutdownGrace + LiteOptions.AfterGrace).Ticks)));
        return services.AddModuleStatusAndValidators<LiteStatusProvider>();
    }

    public static IEndpointRouteBuilder MapLiteEndpoints(this IEndpointRouteBuilder app) =>
        app.MapModuleEndpoints(
            SubmitTaskEndpoint.Map,
            GetTaskEndpoint.Map,
            ListTasksEndpoint.Map,
            CancelTaskEndpoint.Map,
            ReviewTaskEndpoint.Map,
            PutDatasetEndpoint.Map,
            ListDatasetsEndpoint.Map,
            GetTaskEventsEndpoint.Map,
            ListRoutesEndpoint.Map);
}
