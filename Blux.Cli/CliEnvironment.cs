using Spectre.Console;

namespace Blux.Cli;

/// <summary>
/// Everything one run of bluxq reads from or writes to the outside world, so that tests can run the
/// CLI in process with captured streams, their own environment and a handler into a test host.
/// </summary>
internal sealed class CliEnvironment
{
    public required TextWriter Out { get; init; }

    public required TextWriter Error { get; init; }

    public required IReadOnlyDictionary<string, string> Variables { get; init; }

    /// <summary>True when stdout is a terminal: tables get borders and colour; otherwise plain columns.</summary>
    public bool OutIsTerminal { get; init; }

    /// <summary>True when stderr is a terminal: progress bars are drawn only then.</summary>
    public bool ErrorIsTerminal { get; init; }

    /// <summary>When set, every HTTP request goes through it (a test host); otherwise a socket handler is built from the profile.</summary>
    public Func<HttpMessageHandler>? Handler { get; init; }

    /// <summary>The console <c>bluxq top</c> draws on; the real terminal unless a test gives one.</summary>
    public IAnsiConsole? LiveConsole { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public string? Variable(string name) => Variables.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    /// <summary>Where profiles, cached tokens and credentials live: BLUXQ_CONFIG_DIR, else the user's config folder.</summary>
    public string ConfigDirectory =>
        Variable("BLUXQ_CONFIG_DIR")
        ?? Path.Combine(
            Variable("XDG_CONFIG_HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.DoNotVerify),
            "bluxq");

    public static CliEnvironment FromProcess() => new()
    {
        Out = Console.Out,
        Error = Console.Error,
        Variables = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? string.Empty, StringComparer.Ordinal),
        OutIsTerminal = !Console.IsOutputRedirected,
        ErrorIsTerminal = !Console.IsErrorRedirected,
    };
}
