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
using FluentValidation;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Blux.Modules.Lite;

/// <summary>Lite: task intake, routing and durable execution (SPEC §7).</summary>
public static class LiteModule
{
    public static IServiceCollection AddLiteModule(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("Blux:Lite");
        var defaults = new LiteOptions();
        services.AddSingleton(Options.Create(new LiteOptions
        {
            Workers = section.GetValue("Workers", defaults.Workers),
            MaxAttempts = section.GetValue("MaxAttempts", defaults.MaxAttempts),
            MaxWait = TimeSpan.FromSeconds(section.GetValue("MaxWaitSeconds", defaults.MaxWait.TotalSeconds)),
            RetryBaseSeconds = section.GetValue("RetryBaseSeconds", defaults.RetryBaseSeconds),
            MaxAnalysisRows = section.GetValue("MaxAnalysisRows", defaults.MaxAnalysisRows),
            MaxScriptStatements = section.GetValue("MaxScriptStatements", defaults.MaxScriptStatements),
            MaxScriptRecursion = section.GetValue("MaxScriptRecursion", defaults.MaxScriptRecursion),
            RetryJitterSeconds = section.GetValue("RetryJitterSeconds", defaults.RetryJitterSeconds),
            ShutdownGrace = TimeSpan.FromSeconds(section.GetValue("ShutdownGraceSeconds", defaults.ShutdownGrace.TotalSeconds)),
        }));
        services.AddDbContext<LiteDbContext>(o => o.UseSqlite(BluxPaths.SqliteConnectionString(configuration, "lite")));
        services.AddSingleton(Options.Create(ReadWebhooks(section.GetSection("Webhooks"))));
        services.AddSingleton<DatasetStore>();
        services.AddSingleton<ITaskRoute, EchoRoute>();
        services.AddSingleton<ITaskRoute, AnalysisRoute>();
        services.AddSingleton<ITaskRoute, ScriptRoute>();
        services.AddSingleton<ITaskRoute, WebhookRoute>();
        services.AddHttpClient(WebhookOptions.HttpClientName)
            .AddResilienceHandler("webhook-delivery", (pipeline, context) =>
            {
                var webhooks = context.ServiceProvider.GetRequiredService<IOptions<WebhookOptions>>().Value;
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = Math.Max(0, webhooks.Retries),
                    Delay = webhooks.RetryDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                });
                pipeline.AddTimeout(webhooks.AttemptTimeout);
            });
        services.AddSingleton<RouteRegistry>();
        services.AddSingleton<TaskStore>();
        services.AddSingleton<TaskQueue>();
        services.AddSingleton<RunningTasks>();
        services.AddSingleton(sp => new RetryPolicy(sp.GetRequiredService<IOptions<LiteOptions>>()));
        services.AddScoped<TaskTransitions>();
        services.AddScoped<TaskActionGuard>();
        services.AddSingleton<TaskAccess>();
        services.AddSingleton<TaskCompletionNotifier>();
        services.AddScoped<TaskExecutor>();
        services.AddHostedService<LiteInitializer>();
        services.AddSingleton<TaskWorkerPool>();
        services.AddHostedService(sp => sp.GetRequiredService<TaskWorkerPool>());
        services.AddSingleton<IModuleStatusProvider, LiteStatusProvider>();
        services.AddValidatorsFromAssembly(typeof(LiteModule).Assembly, ServiceLifetime.Singleton, includeInternalTypes: true);
        return services;
    }

    /// <summary>Webhook targets by name: <c>"name": {"Url": "https://…"}</c> or <c>"name": "https://…"</c>.</summary>
    private static WebhookOptions ReadWebhooks(IConfigurationSection section)
    {
        var defaults = new WebhookOptions();
        var targets = new Dictionary<string, WebhookTarget>(StringComparer.Ordinal);
        foreach (var entry in section.GetSection("Targets").GetChildren())
        {
            var url = entry["Url"] ?? entry.Value;
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw new InvalidOperationException($"Blux:Lite:Webhooks:Targets:{entry.Key} needs an absolute http or https Url.");
            }

            targets[entry.Key] = new WebhookTarget(entry.Key, uri);
        }

        return new WebhookOptions
        {
            Targets = targets,
            Retries = section.GetValue("Retries", defaults.Retries),
            RetryDelay = TimeSpan.FromMilliseconds(section.GetValue("RetryDelayMs", defaults.RetryDelay.TotalMilliseconds)),
            AttemptTimeout = TimeSpan.FromSeconds(section.GetValue("AttemptTimeoutSeconds", defaults.AttemptTimeout.TotalSeconds)),
        };
    }

    public static IEndpointRouteBuilder MapLiteEndpoints(this IEndpointRouteBuilder app)
    {
        SubmitTaskEndpoint.Map(app);
        GetTaskEndpoint.Map(app);
        ListTasksEndpoint.Map(app);
        CancelTaskEndpoint.Map(app);
        ReviewTaskEndpoint.Map(app);
        PutDatasetEndpoint.Map(app);
        ListDatasetsEndpoint.Map(app);
        GetTaskEventsEndpoint.Map(app);
        ListRoutesEndpoint.Map(app);
        return app;
    }
}
