using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Blux.Testing;

/// <summary>
/// Blux.Host as a child process (<c>dotnet Blux.Host.dll --urls …</c>) on a data directory the test
/// owns, so the test can kill it the hard way (or stop it as an operator does) and start another on
/// what it left. What the process writes to its console is kept in <see cref="Output"/>.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private const int SigTerm = 15;
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;

    private HostProcess(Process process, string baseUrl, ConcurrentQueue<string> output)
    {
        _process = process;
        BaseUrl = baseUrl;
        _output = output;
    }

    public string BaseUrl { get; }

    public int Id => _process.Id;

    /// <summary>True once the process has ended, by a kill or by itself (a crash).</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The lines the process wrote to stdout and stderr so far.</summary>
    public IReadOnlyList<string> Output => _output.ToArray();

    public static async Task<HostProcess> StartAsync(string dataPath, IReadOnlyDictionary<string, string>? environment = null, IReadOnlyList<string>? arguments = null)
    {
        var baseUrl = $"http://127.0.0.1:{FreePort()}";
        return await StartAsync(StartInfo(dataPath, environment, ["--urls", baseUrl, .. arguments ?? []]), baseUrl);
    }

    /// <summary><c>dotnet Blux.Host.dll</c> with these arguments, on this data directory, with these settings.</summary>
    public static ProcessStartInfo StartInfo(string dataPath, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory };
        info.ArgumentList.Add(HostDll());
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["BLUX_ENV"] = "development";
        foreach (var (key, value) in HostSettings.For(dataPath))
        {
            info.Environment[HostSettings.EnvironmentName(key)] = value;
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        return info;
    }

    /// <summary>
    /// Starts Blux the way <paramref name="info"/> says (another command, working directory or
    /// environment) and waits until it is ready at <paramref name="baseUrl"/>, asking through
    /// <paramref name="handler"/> when the listener needs more than plain HTTP.
    /// </summary>
    public static async Task<HostProcess> StartAsync(ProcessStartInfo info, string baseUrl, Func<HttpMessageHandler>? handler = null)
    {
        var host = Launch(info, baseUrl);
        try
        {
            await host.WaitUntilReadyAsync(handler?.Invoke() ?? new HttpClientHandler());
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        return host;
    }

    /// <summary>Starts a host that is expected not to start: waits for it to exit and answers its exit code and output.</summary>
    public static async Task<(int ExitCode, IReadOnlyList<string> Output)> RunUntilExitAsync(
        string dataPath, IReadOnlyDictionary<string, string>? environment = null, IReadOnlyList<string>? arguments = null)
    {
        var baseUrl = $"http://127.0.0.1:{FreePort()}";
        await using var host = Launch(StartInfo(dataPath, environment, ["--urls", baseUrl, .. arguments ?? []]), baseUrl);
        using var deadline = new CancellationTokenSource(Deadline);
        try
        {
            await host._process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Blux.Host did not exit within {Deadline.TotalSeconds} s:{Environment.NewLine}{string.Join(Environment.NewLine, host.Output)}");
        }

        // Both streams are read to their end before the exit code is used.
        host._process.WaitForExit();
        return (host._process.ExitCode, host.Output);
    }

    /// <summary>
    /// Runs a command that is expected to stop by itself (a refused start, a subcommand, a publish):
    /// its exit code, standard output and standard error. Fails after <paramref name="timeout"/> (60 s).
    /// </summary>
    public static async Task<(int ExitCode, string StandardOutput, string StandardError)> RunToExitAsync(ProcessStartInfo info, TimeSpan? timeout = null)
    {
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        using var process = Process.Start(info)!;
        using var deadline = new CancellationTokenSource(timeout ?? Deadline);
        var output = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var error = process.StandardError.ReadToEndAsync(deadline.Token);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{info.FileName} {string.Join(' ', info.ArgumentList)} did not exit in time.");
        }

        return (process.ExitCode, await output, await error);
    }

    /// <summary>SIGKILL: no shutdown hook, no flush, no grace period.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>SIGTERM, as an operator or a service manager stops Blux: a clean stop. Answers the exit code.</summary>
    public async Task<int> StopAsync()
    {
        if (SendSignal(_process.Id, SigTerm) != 0)
        {
            throw new InvalidOperationException($"SIGTERM to {_process.Id} failed with errno {Marshal.GetLastPInvokeError()}.");
        }

        using var deadline = new CancellationTokenSource(Deadline);
        await _process.WaitForExitAsync(deadline.Token);
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>A client of this host, not signed in.</summary>
    public HttpClient CreateClient(HttpMessageHandler? handler = null) =>
        new(handler ?? new HttpClientHandler()) { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>A client of this host signed in as <paramref name="clientId"/>.</summary>
    public Task<HttpClient> ClientAsync(string clientId, string secret, HttpMessageHandler? handler = null) =>
        CreateClient(handler).AuthorizedAsync(clientId, secret);

    public Task<HttpClient> AdminClientAsync(string dataPath, HttpMessageHandler? handler = null) =>
        ClientAsync("admin", BluxTokens.AdminSecret(dataPath), handler);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    private static HostProcess Launch(ProcessStartInfo info, string baseUrl)
    {
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        var output = new ConcurrentQueue<string>();
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, line) => Keep(output, line.Data);
        process.ErrorDataReceived += (_, line) => Keep(output, line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new HostProcess(process, baseUrl, output);
    }

    /// <summary>Keeps the output of a short run whole and of a long one (a load test) its last lines.</summary>
    private static void Keep(ConcurrentQueue<string> output, string? line)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        while (output.Count > 2000 && output.TryDequeue(out _))
        {
        }
    }

    private async Task WaitUntilReadyAsync(HttpMessageHandler handler)
    {
        using var client = new HttpClient(handler) { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(5) };
        await Eventually.Async(
            async () =>
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"Blux.Host exited with code {_process.ExitCode} before it was ready:{Environment.NewLine}{string.Join(Environment.NewLine, Output)}");
                }

                try
                {
                    return (await client.GetAsync("/ready")).StatusCode == HttpStatusCode.OK;
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                    return false;
                }
            },
            "Blux.Host is ready",
            Deadline);
    }

    private static string HostDll()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "Blux.Host.dll");
        return File.Exists(beside) ? beside : throw new FileNotFoundException("Blux.Host.dll is not beside the test assembly.", beside);
    }
}
