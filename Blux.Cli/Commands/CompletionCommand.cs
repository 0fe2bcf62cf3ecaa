using System.CommandLine;
using System.Text;

namespace Blux.Cli.Commands;

/// <summary><c>bluxq completion bash|zsh|fish</c>: a completion script made from the command tree itself, so it never goes stale.</summary>
internal static class CompletionCommand
{
    public static Command Build(RootCommand root)
    {
        var shell = new Argument<string>("shell") { Description = "bash, zsh or fish" };
        shell.AcceptOnlyFromAmong("bash", "zsh", "fish");
        var completion = CommandFactory.Create("completion", "Print a shell completion script.",
            "source <(bluxq completion bash)",
            "bluxq completion zsh > \"${fpath[1]}/_bluxq\"",
            "bluxq completion fish > ~/.config/fish/completions/bluxq.fish")
            .With(shell);
        completion.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            output.Write(parse.GetValue(shell) switch
            {
                "fish" => Fish(root),
                "zsh" => "#compdef bluxq\nautoload -U +X bashcompinit && bashcompinit\n" + Bash(root),
                _ => Bash(root),
            });
            return ExitCodes.Ok;
        });
        return completion;
    }

    private static IEnumerable<(string Path, Command Command)> Walk(Command command, string path)
    {
        yield return (path, command);
        foreach (var sub in command.Subcommands.Where(c => !c.Hidden))
        {
            foreach (var inner in Walk(sub, path.Length == 0 ? sub.Name : $"{path} {sub.Name}"))
            {
                yield return inner;
            }
        }
    }

    private static IEnumerable<string> Options(Command command, RootCommand root) =>
        command.Options.Concat(root.Options.Where(o => o.Recursive)).Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name)).Where(n => n.StartsWith('-') && n != "-?").Distinct();

    public static string Bash(RootCommand root)
    {
        var script = new StringBuilder();
        script.Append("# bluxq completion for bash: source <(bluxq completion bash)\n_bluxq_words() {\n  case \"$1\" in\n");
        foreach (var (path, command) in Walk(root, string.Empty))
        {
            var words = command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name).Concat(Options(command, root));
            script.Append($"    \"{path}\") echo \"{string.Join(' ', words)}\" ;;\n");
        }

        script.Append("  esac\n}\n");
        script.Append("""
            _bluxq() {
              local cur="${COMP_WORDS[COMP_CWORD]}" path="" i w
              for ((i = 1; i < COMP_CWORD; i++)); do
                w="${COMP_WORDS[i]}"
                case "$w" in -*) continue ;; esac
                if [[ " $(_bluxq_words "$path") " == *" $w "* ]]; then path="${path:+$path }$w"; fi
              done
              COMPREPLY=($(compgen -W "$(_bluxq_words "$path")" -- "$cur"))
            }
            complete -o default -F _bluxq bluxq

            """);
        return script.ToString();
    }

    public static string Fish(RootCommand root)
    {
        var script = new StringBuilder("# bluxq completion for fish: bluxq completion fish > ~/.config/fish/completions/bluxq.fish\n");
        foreach (var (path, command) in Walk(root, string.Empty))
        {
            var condition = path.Length == 0 ? "__fish_use_subcommand" : $"__fish_seen_subcommand_from {path.Split(' ')[^1]}";
            foreach (var sub in command.Subcommands.Where(c => !c.Hidden))
            {
                script.Append($"complete -c bluxq -f -n '{condition}' -a {sub.Name} -d '{sub.Description?.Replace("'", string.Empty, StringComparison.Ordinal)}'\n");
            }

            foreach (var option in command.Options.Where(o => !o.Hidden && o.Name.StartsWith("--", StringComparison.Ordinal)))
            {
                script.Append($"complete -c bluxq -n '{condition}' -l {option.Name[2..]}\n");
            }
        }

        foreach (var option in root.Options.Where(o => o.Recursive && o.Name.StartsWith("--", StringComparison.Ordinal)))
        {
            script.Append($"complete -c bluxq -l {option.Name[2..]}\n");
        }

        return script.ToString();
    }
}
