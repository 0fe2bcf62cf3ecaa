using System.CommandLine;
using Blux.Cli.Config;
using Blux.Cli.Http;
using Blux.Cli.Output;

namespace Blux.Cli;

/// <summary>One command being run: its settings, its output, and (made on first use) its API client.</summary>
internal sealed class Invocation : IDisposable
{
    private BluxClient? _client;

    private Invocation(CliEnvironment environment, ParseResult parse)
    {
        Environment = environment;
        Parse = parse;
        Store = new ProfileStore(environment.ConfigDirectory);
        Settings = Settings.Resolve(parse, environment, Store);
        Output = new Renderer(environment, Settings.Output, Settings.Color);
        Tokens = new TokenSource(Settings, environment, environment.ConfigDirectory);
    }

    public CliEnvironment Environment { get; }

    public ParseResult Parse { get; }

    public ProfileStore Store { get; }

    public Settings Settings { get; }

    public Renderer Output { get; }

    public TokenSource Tokens { get; }

    public BluxClient Client => _client ??= new BluxClient(Settings, Environment) { Tokens = Tokens };

    public T Value<T>(Option<T> option) => Parse.GetValue(option)!;

    public T Value<T>(Argument<T> argument) => Parse.GetValue(argument)!;

    public static Invocation Start(CliEnvironment environment, ParseResult parse) => new(environment, parse);

    public void Dispose() => _client?.Dispose();
}
