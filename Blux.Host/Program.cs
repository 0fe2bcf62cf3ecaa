using Blux.Host;
using Blux.Host.Auth;
using Blux.Host.Backups;
using Blux.Host.Bus;
using Blux.Host.Commander;
using Blux.Host.Errors;
using Blux.Host.Health;
using Blux.Host.Logging;
using Blux.Host.Metrics;
using Blux.Host.OpenApi;
using Blux.Host.RateLimits;
using Blux.Host.Stores;
using Blux.Host.Telemetry;
using Blux.Host.Tls;
using Blux.SharedKernel.Events;
using Blux.SharedKernel.Json;
using Blux.SharedKernel.Modules;
using Blux.SharedKernel.Pipeline;
using Blux.SharedKernel.Settings;
using Serilog;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

if (args is [HealthProbe.Command, ..])
{
    return await HealthProbe.RunAsync(args[1..]);
}

if (args is [BackupCommand.Command, ..])
{
    return BackupCommand.Run(args[1..], TimeProvider.System);
}

if (args is [RestoreCommand.Command, ..])
{
    return RestoreCommand.Run(args[1..], TimeProvider.System);
}

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    EnvironmentName = BluxEnvironment.FromSeed(Environment.GetEnvironmentVariable("BLUX_ENV")),
});

// appsettings.json sits at the repository root and is copied beside the binary; environment
// variables (the flat BLUX_* names of docs/contract.md#configuration-names among them) and the command line still win over it.
builder.Configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true, reloadOnChange: false);
builder.Configuration.AddEnvironmentVariables();
builder.Configuration.AddCommandLine(args);

// The flat names (BLUX_ENV, BLUX_REG_TOKEN_TTL, …) are other names for keys under Blux:, so
// they are bound and checked with those keys, and win over them.
builder.Configuration.AddInMemoryCollection(SettingAliases.Mapped(builder.Configuration));
var listenUrls = BluxListen.Urls(builder.Configuration);
var listenSetting = BluxListen.SettingName(builder.Configuration);

// A setting Blux cannot start with (TLS, webhooks, the command line) ends the start here, with one
// line naming it, before anything is written to the data directory.
try
{
    builder.AddBluxTls();

    // After the TLS check: UseUrls writes "urls" into the configuration, and the check names the
    // setting the listen URLs came from.
    builder.WebHost.UseUrls([.. listenUrls]);

    builder.Services.AddBluxSettings<BluxHostOptions>(BluxHostOptions.Section, BluxHostOptions.OtherKeys);
    builder.Services.AddBluxSettings<RequestHeadLimits>(RequestHeadLimits.Section, null);
    builder.Services.AddBluxSettings<HealthOptions>(HealthOptions.Section, []);
    builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<RequestHeadLimits>, IOptions<BluxHostOptions>>((kestrel, head, host) =>
    {
        kestrel.Limits.MaxRequestBodySize = host.Value.MaxRequestBodyBytes;
        kestrel.Limits.MaxRequestHeadersTotalSize = head.Value.MaxRequestHeaderBytes * RequestHeadLimits.KestrelCeilingFactor;
        kestrel.Limits.MaxRequestHeaderCount = head.Value.MaxRequestHeaderCount * RequestHeadLimits.KestrelCeilingFactor;
        kestrel.Limits.MaxRequestLineSize = head.Value.MaxRequestLineBytes * RequestHeadLimits.KestrelCeilingFactor;
    });

    builder.AddBluxLogging();
    builder.Services.TryAddSingleton(TimeProvider.System);
    builder.Services.AddSingleton(sp => new StartTime(sp.GetRequiredService<TimeProvider>().GetUtcNow()));
    builder.Services.ConfigureHttpJsonOptions(options => BluxJson.Configure(options.SerializerOptions));
    builder.Services.AddMediator(options =>
    {
        options.ServiceLifetime = ServiceLifetime.Scoped;
        options.GenerateTypesAsInternal = true;
        options.PipelineBehaviors = [typeof(TracingBehavior<,>), typeof(LoggingBehavior<,>), typeof(ValidationBehavior<,>)];
    });
    builder.Services.AddScoped<IEventBus, SignedEventBus>();
    builder.AddBluxTelemetry();
    builder.Services.AddBluxAuthentication();
    builder.Services.AddBluxRateLimits();
    builder.Services.AddBluxOpenApi();
    builder.Services.AddCommander();

    builder.Services.AddBluxModules(builder.Configuration);
    builder.Services.AddBluxStores(builder.Configuration, args);
}
catch (InvalidSettingException refusal)
{
    await Console.Error.WriteLineAsync($"Blux cannot start: {refusal.Message}");
    return 1;
}

// Every setting is bound and checked before the host is built (ADR 0023).
if (StartupCheck.SettingsRefusal(builder.Services) is { } refusedSetting)
{
    await Console.Error.WriteLineAsync($"Blux cannot start: {refusedSetting}");
    return 1;
}

// After the modules, so that their stores are migrated before the first probe.
builder.Services.AddSingleton<StoreProbes>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<StoreProbes>());

var app = builder.Build();

// Kestrel binds only after the modules have started (and written their stores): a listen address
// Blux cannot have must stop the start before that.
if (BluxListen.Unavailable(listenUrls, listenSetting) is { } refusedListen)
{
    await Console.Error.WriteLineAsync($"Blux cannot start: {refusedListen}");
    await app.DisposeAsync();
    return 1;
}

_ = app.Services.GetRequiredService<StartTime>();

app.UseBluxTelemetry();

// The request log sits outside the error handler, so it sees the status the client got.
app.UseSerilogRequestLogging();
app.UseMiddleware<ErrorHandlingMiddleware>();
app.UseStatusCodePages(context => ErrorEnvelopeWriter.WriteForStatusAsync(context.HttpContext));
app.UseMiddleware<RequestHeadLimitMiddleware>();
app.UseMiddleware<RequestBodyLimitMiddleware>();
app.UseCommanderSessions();
app.UseRouting();
app.UseAuthentication();
app.UseBluxRateLimits();
app.UseAuthorization();

app.MapBluxOpenApi();
app.MapStatusEndpoints();
app.MapMetricsEndpoint();
app.MapBluxModules();
app.MapCommander();

return await HostRunner.RunAsync(app);

/// <summary>Exposed for the integration tests' <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
