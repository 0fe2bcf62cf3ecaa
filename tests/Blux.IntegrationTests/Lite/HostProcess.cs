using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Blux.IntegrationTests.Lite;

/// <summary>
/// Blux.Host as a child process (<c>dotnet Blux.Host.dll --urls …</c>) on a data directory the test
/// owns, so the test can kill it the hard way and start another on what it left.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;

    private HostProcess(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public int Id => _process.Id;

    /// <summary>True once the process has ended, by a kill or by itself (a crash).</summary>
    public bool HasExited => _process.HasExited;

    public static async Task<HostProcess> StartAsync(string dataPath, IReadOnlyDictionary<string, string>? environment = null)
    {
        var baseUrl = $"http://127.0.0.1:{FreePort()}";
        return await StartAsync(StartInfo(dataPath, environment, "--urls", baseUrl), baseUrl);
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

        info.Environment["BLUX_DATA_PATH"] = dataPath;
        info.Environment["BLUX_LOG_PATH"] = Path.Combine(dataPath, "logs");
        info.Environment["BLUX_ENV"] = "development";
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
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var host = new HostProcess(process, baseUrl);
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
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
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

    public async Task<HttpClient> AdminClientAsync(string dataPath, HttpMessageHandler? handler = null)
    {
        var secret = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(dataPath, "bootstrap-admin.json")))!["client_secret"]!.GetValue<string>();
        var client = new HttpClient(handler ?? new HttpClientHandler()) { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(60) };
        var response = await client.PostAsJsonAsync("/v1/tokens", new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = "admin", ["client_secret"] = secret });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task WaitUntilReadyAsync(HttpMessageHandler handler)
    {
        using var client = new HttpClient(handler) { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Blux.Host exited with code {_process.ExitCode} before it was ready.");
            }

            try
            {
                if ((await client.GetAsync("/ready")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("Blux.Host did not become ready within 60 s.");
    }

    private static string HostDll()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "Blux.Host.dll");
        return File.Exists(beside) ? beside : throw new FileNotFoundException("Blux.Host.dll is not beside the test assembly.", beside);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
