using Blux.SharedKernel.Stores;

namespace Blux.Host;

/// <summary>
/// Runs the host as <c>app.Run()</c> does, except that a failed start ends with one line saying why
/// (the file and the reason, for a store) and an exit code, instead of an unhandled exception's stack
/// trace and a process abort (134).
/// </summary>
internal static class HostRunner
{
    /// <summary>A store is not what Blux expects; an operator decides (restore it, or accept it).</summary>
    public const int StoreRefused = 2;

    /// <summary>Anything else stopped the start (a store that cannot be read or written, a bad setting).</summary>
    public const int StartFailed = 1;

    public static async Task<int> RunAsync(WebApplication app)
    {
        try
        {
            await app.StartAsync();
        }
        catch (Exception exception)
        {
            var code = Report(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Blux.Host.Startup"), exception);
            await app.DisposeAsync();
            return code;
        }

        await app.WaitForShutdownAsync();
        await app.DisposeAsync();
        return 0;
    }

    private static int Report(ILogger logger, Exception exception)
    {
        if (Unwrap(exception) is not StoreStartupException store)
        {
            logger.LogCritical("Blux did not start: {Reason}", Unwrap(exception).Message);
            return StartFailed;
        }

        foreach (var problem in store.Problems)
        {
            var remedy = problem.Acceptable
                ? $"Restore it from a backup, or start once with {Stores.StoreCheckOptions.AcceptResetSwitch} {problem.Module} to go on with the {problem.Module} store as it is now (an unusable file is set aside for a new, empty store; recorded in the audit log as store.reset)."
                : "Fix the cause and start again.";
            logger.LogCritical("Blux did not start: {StoreFile}: {Reason}. {Remedy}", problem.Path, problem.Reason, remedy);
        }

        return store.Refused ? StoreRefused : StartFailed;
    }

    private static Exception Unwrap(Exception exception) =>
        exception is AggregateException { InnerExceptions.Count: 1 } aggregate ? Unwrap(aggregate.InnerExceptions[0]) : exception;
}
