using System.CommandLine;
using System.Runtime.CompilerServices;
using Blux.Cli.Http;

namespace Blux.Cli;

/// <summary>Makes commands with their help examples, and runs their actions with one way of reporting failures.</summary>
internal static class CommandFactory
{
    private static readonly ConditionalWeakTable<Command, string[]> ExamplesOf = new();

    public static Command Create(string name, string description, params string[] examples)
    {
        var command = new Command(name, description);
        ExamplesOf.Add(command, examples);
        return command;
    }

    public static IReadOnlyList<string> Examples(Command command) => ExamplesOf.TryGetValue(command, out var examples) ? examples : [];

    public static void SetExamples(Command command, params string[] examples) => ExamplesOf.AddOrUpdate(command, examples);

    /// <summary>Adds the options, arguments and subcommands, in order (the order help and completion show).</summary>
    public static Command With(this Command command, params Symbol[] symbols)
    {
        foreach (var symbol in symbols)
        {
            switch (symbol)
            {
                case Option option:
                    command.Options.Add(option);
                    break;
                case Argument argument:
                    command.Arguments.Add(argument);
                    break;
                case Command subcommand:
                    command.Subcommands.Add(subcommand);
                    break;
                default:
                    throw new ArgumentException($"A command holds options, arguments and commands, not {symbol.GetType().Name}.", nameof(symbols));
            }
        }

        return command;
    }

    /// <summary>The action of a command that needs no I/O to wait on (profiles, the token cache).</summary>
    public static Command Run(this Command command, CliEnvironment environment, Func<Invocation, int> body) =>
        command.Run(environment, (run, _) => Task.FromResult(body(run)));

    /// <summary>The command's action: the body's exit code, or the failure written to stderr with its exit code.</summary>
    public static Command Run(this Command command, CliEnvironment environment, Func<Invocation, CancellationToken, Task<int>> body)
    {
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                using var invocation = Invocation.Start(environment, parse);
                return await body(invocation, cancellationToken);
            }
            catch (ApiException exception)
            {
                await environment.Error.WriteLineAsync(Describe(exception));
                return exception.ExitCode;
            }
            catch (CliException exception)
            {
                await environment.Error.WriteLineAsync($"error: {exception.Message}");
                return exception.ExitCode;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await environment.Error.WriteLineAsync("error: cancelled");
                return 130;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                await environment.Error.WriteLineAsync($"error: {exception.Message}");
                return ExitCodes.Error;
            }
            catch (Exception exception) when (exception is InvalidOperationException or FormatException or System.Text.Json.JsonException)
            {
                // An answer (or a cached file) that is JSON but not of the shape bluxq reads: reported, never a stack trace.
                await environment.Error.WriteLineAsync(Output.Renderer.Safe($"error: an answer or file bluxq read is not of the expected shape: {exception.Message}"));
                return ExitCodes.Error;
            }
        });
        return command;
    }

    /// <summary>The envelope's code and message, then what it names: field, issue, audit id.</summary>
    public static string Describe(ApiException exception)
    {
        var parts = new List<string>();
        if (exception.Details?["field"] is { } field)
        {
            parts.Add($"field: {Output.Renderer.Text(field)}");
        }

        if (exception.Issue is { } issue)
        {
            parts.Add($"issue: {issue}");
        }

        if (exception.AuditId is { } auditId)
        {
            parts.Add($"audit_id: {auditId}");
        }

        return Output.Renderer.Safe($"error: {exception.Code}: {exception.Message}" + (parts.Count == 0 ? string.Empty : $" ({string.Join(", ", parts)})"));
    }
}
