using Spectre.Console;

namespace Blux.Cli.Output;

/// <summary>A progress bar on stderr while a long job runs, drawn only when stderr is a terminal (so pipes and logs stay clean).</summary>
internal static class ProgressBar
{
    public static async Task<T> RunAsync<T>(CliEnvironment environment, bool color, string description, long? total, Func<Action<long>, Task<T>> job)
    {
        if (!environment.ErrorIsTerminal)
        {
            return await job(_ => { });
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(environment.Error),
            Ansi = AnsiSupport.Detect,
            ColorSystem = color ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.Yes,
        });
        return await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(description, maxValue: total is > 0 ? total.Value : 1);
                task.IsIndeterminate = total is null or <= 0;
                var result = await job(done =>
                {
                    if (total is > 0)
                    {
                        task.Value = done;
                    }
                    else
                    {
                        task.Description = $"{description} ({done / 1024} KiB)";
                    }
                });
                task.Value = task.MaxValue;
                task.StopTask();
                return result;
            });
    }
}
