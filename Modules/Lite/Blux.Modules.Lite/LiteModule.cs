using Blux.Modules.Lite.Data;
using Blux.Modules.Lite.Execution;
using Blux.Modules.Lite.Features;
using Blux.Modules.Lite.Features.CancelTask;
using Blux.Modules.Lite.Features.GetTask;
using Blux.Modules.Lite.Features.ListTasks;
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
using Microsoft.Extensions.Options;

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
            RetryJitterSeconds = section.GetValue("RetryJitterSeconds", defaults.RetryJitterSeconds),
            ShutdownGrace = TimeSpan.FromSeconds(section.GetValue("ShutdownGraceSeconds", defaults.ShutdownGrace.TotalSeconds)),
        }));
        services.AddDbContext<LiteDbContext>(o => o.UseSqlite(BluxPaths.SqliteConnectionString(configuration, "lite")));
        services.AddSingleton<ITaskRoute, EchoRoute>();
        services.AddSingleton<RouteRegistry>();
        services.AddSingleton<TaskStore>();
        services.AddSingleton<TaskQueue>();
        services.AddSingleton<RunningTasks>();
        services.AddSingleton(sp => new RetryPolicy(sp.GetRequiredService<IOptions<LiteOptions>>()));
        services.AddScoped<TaskTransitions>();
        services.AddScoped<TaskActionGuard>();
        services.AddSingleton<TaskCompletionNotifier>();
        services.AddScoped<TaskExecutor>();
        services.AddHostedService<LiteInitializer>();
        services.AddSingleton<TaskWorkerPool>();
        services.AddHostedService(sp => sp.GetRequiredService<TaskWorkerPool>());
        services.AddSingleton<IModuleStatusProvider, LiteStatusProvider>();
        services.AddValidatorsFromAssembly(typeof(LiteModule).Assembly, ServiceLifetime.Singleton, includeInternalTypes: true);
        return services;
    }

    public static IEndpointRouteBuilder MapLiteEndpoints(this IEndpointRouteBuilder app)
    {
        SubmitTaskEndpoint.Map(app);
        GetTaskEndpoint.Map(app);
        ListTasksEndpoint.Map(app);
        CancelTaskEndpoint.Map(app);
        ReviewTaskEndpoint.Map(app);
        GetTaskEventsEndpoint.Map(app);
        ListRoutesEndpoint.Map(app);
        return app;
    }
}
