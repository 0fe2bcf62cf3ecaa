using Blux.SharedKernel.Modules;
using Blux.SharedKernel.Settings;
using Blux.SharedKernel.Stores;
using Serilog;
using Serilog.Events;

namespace Blux.Host.Logging;

internal static class SerilogSetup
{
    private const string Template =
        "[{Timestamp:HH:mm:ss} {Level:u3}] {Module} {Message:lj}{NewLine}{Exception}";

    /// <summary>
    /// Console and a daily rolling file under the log path; scopes (task_id, Module) become properties
    /// and the file carries each line's trace id. Both sinks write on a background thread so a request
    /// never waits for the terminal or the disk; when 10,000 lines are waiting, logging callers wait
    /// rather than lines being dropped.
    /// </summary>
    public static void AddBluxLogging(this WebApplicationBuilder builder)
    {
        RefuseUnknownLevels(builder.Configuration.GetSection("Serilog:MinimumLevel"));
        var logPath = BluxPaths.LogPath(builder.Configuration);
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .Enrich.FromLogContext()
            .MinimumLevel.Override("Microsoft.AspNetCore.DataProtection", LogEventLevel.Error)
            .Enrich.With<ModuleEnricher>()
            // A store Blux will not start on is reported in one line by the host runner; the generic
            // host's own report of the failed start would repeat it with a stack trace.
            .Filter.ByExcluding(e => e.Exception is StoreStartupException or AggregateException { InnerException: StoreStartupException })
            .WriteTo.Async(sink => sink.Console(outputTemplate: Template), blockWhenFull: true)
            .WriteTo.Async(
                sink => sink.File(
                    Path.Combine(logPath, "blux-.log"),
                    rollingInterval: RollingInterval.Day,
                    retainedFileCountLimit: 14,
                    outputTemplate: "{Timestamp:o} [{Level:u3}] {Module} {TraceId} {Message:lj} {Properties:j}{NewLine}{Exception}"),
                blockWhenFull: true));
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
