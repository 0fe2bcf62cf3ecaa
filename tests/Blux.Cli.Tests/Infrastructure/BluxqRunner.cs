using System.Text.Json.Nodes;
using Spectre.Console;

namespace Blux.Cli.Tests.Infrastructure;

/// <summary>What one run of bluxq printed and answered.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    public JsonNode Json => JsonNode.Parse(Out) ?? throw new InvalidOperationException("stdout is null");

    public override string ToString() => $"exit {ExitCode}{Environment.NewLine}stdout:{Environment.NewLine}{Out}{Environment.NewLine}stderr:{Environment.NewLine}{Error}";
}

/// <summary>
/// Runs bluxq in process, as its Main does, with stdout and stderr captured, a config folder of the
/// test's own, and its requests going into a real Blux host (<see cref="BluxFactory"/>'s handler).
/// </summary>
public sealed class BluxqRunner : IDisposable
{
    private readonly Func<HttpMessageHandler>? _handler;

    public BluxqRunner(Func<HttpMessageHandler>? handler, string addr = "http://localhost")
    {
        _handler = handler;
        ConfigDirectory = Path.Combine(Path.GetTempPath(), "bluxq-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(ConfigDirectory);
        Variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["BLUXQ_CONFIG_DIR"] = ConfigDirectory,
            ["BLUXQ_ADDR"] = addr,
        };
    }

    public static BluxqRunner For(BluxFactory factory) => new(() => factory.Server.CreateHandler());

    public string ConfigDirectory { get; }

    public Dictionary<string, string> Variables { get; }

    /// <summary>The console <c>bluxq top</c> draws on in these runs.</summary>
    public IAnsiConsole? LiveConsole { get; set; }

    /// <summary>Puts a handler between bluxq and the host (to drop a stream, or answer 503 first).</summary>
    public Func<HttpMessageHandler, HttpMessageHandler>? Wrap { get; set; }

    public string WriteFile(string name, string content)
    {
        var path = Path.Combine(ConfigDirectory, name);
        File.WriteAllText(path, content);
        return path;
    }

    public async Task<CliResult> RunAsync(params string[] args) => await RunAsync(CancellationToken.None, args);

    public async Task<CliResult> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var environment = new CliEnvironment
        {
            Out = TextWriter.Synchronized(output),
            Error = TextWriter.Synchronized(error),
            Variables = new Dictionary<string, string>(Variables),
            Handler = _handler is null ? null : () => Wrap is null ? _handler() : Wrap(_handler()),
            LiveConsole = LiveConsole,
        };
        var code = await Bluxq.RunAsync(args, environment, cancellationToken);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    /// <summary>Logs the profile in as admin with the bootstrap secret file.</summary>
    public async Task LoginAdminAsync(BluxFactory factory, string profile = "default")
    {
        var result = await RunAsync("auth", "login", "--client-id", "admin", "--client-secret-file", Path.Combine(factory.DataPath, "bootstrap-admin.json"), "--profile", profile);
        result.ExitCode.Should().Be(0, result.ToString());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(ConfigDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Removed with the temp directory later.
        }
    }
}
