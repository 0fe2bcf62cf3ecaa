using System.CommandLine;

namespace Blux.Cli;

/// <summary>The options every command takes (they are recursive: they go anywhere on the line).</summary>
internal static class GlobalOptions
{
    public static Option<string?> Addr { get; } = new("--addr")
    {
        Description = "Blux's address (default http://127.0.0.1:8080; env BLUXQ_ADDR)",
        Recursive = true,
    };

    public static Option<string?> Profile { get; } = new("--profile")
    {
        Description = "The profile to use (env BLUXQ_PROFILE; default: the one 'config use' chose)",
        Recursive = true,
    };

    public static Option<string?> Output { get; } = new("--output", "-o")
    {
        Description = "table, json or jsonl (env BLUXQ_OUTPUT). JSON goes to stdout alone; messages to stderr",
        Recursive = true,
        HelpName = "table|json|jsonl",
    };

    public static Option<bool> NoColor { get; } = new("--no-color")
    {
        Description = "No colour (also when NO_COLOR is set or stdout is not a terminal)",
        Recursive = true,
    };

    static GlobalOptions() => Output.AcceptOnlyFromAmong("table", "json", "jsonl");

    public static IReadOnlyList<Option> All => [Addr, Profile, Output, NoColor];
}
