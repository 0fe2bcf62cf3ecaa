using System.CommandLine;
using Blux.Cli.Top;
using Spectre.Console;

namespace Blux.Cli.Commands;

/// <summary><c>bluxq top</c>: a live full-screen view of Blux; <c>q</c> quits.</summary>
internal static class TopCommand
{
    public static Command Build(CliEnvironment environment)
    {
        var interval = new Option<double>("--interval") { Description = "Seconds between refreshes (0.5-60)", DefaultValueFactory = _ => 2 };
        var once = new Option<bool>("--once") { Description = "Draw one frame and exit (also what happens when stdout is not a terminal)" };
        return CommandFactory.Create("top", "A live view of health, tasks per second, queue depth, running and newest tasks, audit head and last checkpoint. q quits.",
            "bluxq top", "bluxq top --interval 5", "bluxq top --once > snapshot.txt")
            .With(interval, once)
            .Run(environment, async (run, cancellationToken) =>
        {
            if (run.Value(interval) is < 0.5 or > 60)
            {
                throw new CliException("--interval is 0.5 to 60 seconds.", ExitCodes.Usage);
            }

            var console = run.Environment.LiveConsole ?? (run.Environment.OutIsTerminal ? AnsiConsole.Console : run.Output.Console);
            var addr = run.Settings.Addr.ToString();
            var first = await TopSnapshot.LoadAsync(run.Client, run.Environment.Time.GetUtcNow(), cancellationToken);
            if (run.Value(once) || (!run.Environment.OutIsTerminal && run.Environment.LiveConsole is null))
            {
                console.Write(TopView.Render(first, addr));
                return ExitCodes.Ok;
            }

            console.Clear();
            await console.Live(TopView.Render(first, addr)).AutoClear(false).StartAsync(async context =>
            {
                while (!cancellationToken.IsCancellationRequested)
                {
                    if (await QuitPressedAsync(console, TimeSpan.FromSeconds(run.Value(interval)), run.Environment.Time, cancellationToken))
                    {
                        return;
                    }

                    var snapshot = await TopSnapshot.LoadAsync(run.Client, run.Environment.Time.GetUtcNow(), cancellationToken);
                    context.UpdateTarget(TopView.Render(snapshot, addr));
                    context.Refresh();
                }
            });
            return ExitCodes.Ok;
        });
    }

    /// <summary>Waits up to <paramref name="wait"/> for a key; true when it is q (or Q, or Escape).</summary>
    private static async Task<bool> QuitPressedAsync(IAnsiConsole console, TimeSpan wait, TimeProvider time, CancellationToken cancellationToken)
    {
        var until = time.GetUtcNow() + wait;
        while (time.GetUtcNow() < until)
        {
            while (console.Input.IsKeyAvailable())
            {
                var key = console.Input.ReadKey(intercept: true);
                if (key?.Key is ConsoleKey.Q or ConsoleKey.Escape)
                {
                    return true;
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), time, cancellationToken);
        }

        return false;
    }
}
