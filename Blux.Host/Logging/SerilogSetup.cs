using Blux.SharedKernel.Modules;
using Blux.SharedKernel.Settings;
using Blux.SharedKernel.Stores;
using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Blux.Host.Logging;

internal static class SerilogSetup
{
    private const string Template =
        "[{Timestamp:HH:mm:ss} {Level:u3}] {Module} {Message:lj}{NewLine}{Exception}";

    private const string FileTemplate = "{Timestamp:o} [{Level:u3}] {Module} {TraceId} {Message:lj} {Properties:j}{NewLine}{Exception}";

    /// <summary>
    /// Console and a daily rolling file under the log path, as text or as compact JSON lines
    /// (<c>Blux:Logging:FileFormat</c>); scopes (task_id, Module) become properties, and every line
    /// logged within a span carries <c>trace_id</c>, <c>span_id</c> and the task it belongs to. Both sinks write on a background thread so a request
    /// never waits for the terminal or the disk; when 10,000 lines are waiting, logging callers wait
    /// rather than lines being dropped.
    /// </summary>
    public static void AddBluxLogging(this WebApplicationBuilder builder)
    {
        RefuseUnknownLevels(builder.Configuration.GetSection("Serilog:MinimumLevel"));
        var logPath = BluxPaths.LogPath(builder.Configuration);
        builder.Services.AddBluxSettings<LogFileOptions>(LogFileOptions.Section, []);
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .Enrich.FromLogContext()
            .MinimumLevel.Override("Microsoft.AspNetCore.DataProtection", LogEventLevel.Error)
            .Enrich.With<ModuleEnricher>()
            .Enrich.With<TraceEnricher>()
            // A store Blux will not start on is reported in one line by the host runner; the generic
            // host's own report of the failed start would repeat it with a stack trace.
            .Filter.ByExcluding(e => e.Exception is StoreStartupException or AggregateException { InnerException: StoreStartupException })
            .WriteTo.Async(sink => sink.Console(outputTemplate: Template), blockWhenFull: true)
            .WriteTo.Async(sink => WriteFile(sink, logPath, services.GetRequiredService<IOptions<LogFileOptions>>().Value), blockWhenFull: true));
    }

    private static void WriteFile(Serilog.Configuration.LoggerSinkConfiguration sink, string logPath, LogFileOptions options)
    {
        if (options.FileFormat == LogFileOptions.Json)
        {
            sink.File(new CompactJsonFormatter(), Path.Combine(logPath, "blux-.json"), rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14);
        }
        else
        {
            sink.File(Path.Combine(logPath, "blux-.log"), rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14, outputTemplate: FileTemplate);
        }
    }

    /// <summary>
    /// The levels of <c>Serilog:MinimumLevel</c> (the level itself, <c>Default</c>, each <c>Override</c>):
    /// Serilog would throw on an unknown one while the host is built, with a stack trace.
    /// </summary>
    private static void RefuseUnknownLevels(IConfigurationSection minimumLevel)
    {
        var levels = minimumLevel.GetSection("Override").GetChildren().Append(minimumLevel).Append(minimumLevel.GetSection("Default"));
        foreach (var level in levels)
        {
            if (BluxSettings.ValueOf(level) is { } text && !Enum.TryParse<LogEventLevel>(text, ignoreCase: true, out _))
            {
                throw new InvalidSettingException(BluxSettings.Refusal(level.Path, text, "it must be Verbose, Debug, Information, Warning, Error or Fatal"));
            }
        }
    }
}
