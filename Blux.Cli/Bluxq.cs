using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using Blux.Cli.Commands;

namespace Blux.Cli;

/// <summary>bluxq's entry: the command tree, parsing (usage errors exit 2) and invocation.</summary>
internal static class Bluxq
{
    public static async Task<int> RunAsync(string[] args, CliEnvironment environment, CancellationToken cancellationToken = default)
    {
        var root = Build(environment);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is ParseErrorAction)
        {
            foreach (var error in parse.Errors)
            {
                await environment.Error.WriteLineAsync($"error: {error.Message}");
            }

            await environment.Error.WriteLineAsync($"Run '{Path(parse.CommandResult.Command)} --help' for usage.");
            return ExitCodes.Usage;
        }

        return await parse.InvokeAsync(
            new InvocationConfiguration { Output = environment.Out, Error = environment.Error, EnableDefaultExceptionHandler = false },
            cancellationToken);
    }

    public static RootCommand Build(CliEnvironment environment)
    {
        var root = new RootCommand("bluxq: the terminal interface of Blux, a client of its REST API.");
        CommandFactory.SetExamples(root,
            "bluxq config set addr http://127.0.0.1:8080",
            "bluxq auth login --client-id admin --client-secret-file admin.secret",
            "bluxq task submit --file task.json --wait 10",
            "bluxq audit export --file audit.jsonl && bluxq audit verify audit.jsonl",
            "bluxq top");
        root.With([
            .. GlobalOptions.All,
            ConfigCommands.Build(environment),
            AuthCommands.Build(environment),
            TaskCommands.Build(environment),
            KeysCommands.Build(environment),
            AuditCommands.Build(environment),
            IdentityCommands.Build(environment),
            PolicyCommands.Build(environment),
            DatasetCommands.Build(environment),
            DryRunCommands.Validate(environment),
            DryRunCommands.Reflect(environment),
            TopCommand.Build(environment),
            CompletionCommand.Build(root)]);

        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new HelpWithExamples((HelpAction)help.Action!, environment.Out);
        return root;
    }

    public static string Path(Command command)
    {
        var names = new List<string>();
        for (Symbol? symbol = command; symbol is Command current; symbol = current.Parents.FirstOrDefault())
        {
            names.Add(current is RootCommand ? "bluxq" : current.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }

    /// <summary>The usual help, followed by the command's examples.</summary>
    private sealed class HelpWithExamples(HelpAction inner, TextWriter output) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            var code = inner.Invoke(parseResult);
            var examples = CommandFactory.Examples(parseResult.CommandResult.Command);
            if (examples.Count > 0)
            {
                output.WriteLine("Examples:");
                foreach (var example in examples)
                {
                    output.WriteLine("  " + example);
                }

                output.WriteLine();
            }

            return code;
        }
    }
}
