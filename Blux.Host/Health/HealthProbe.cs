using System.Net.Sockets;
using System.Text.Json;
using Blux.Host.Tls;
using Blux.SharedKernel.Modules;

namespace Blux.Host.Health;

/// <summary>
/// <c>Blux.Host healthcheck</c>: asks the Blux configured by the same settings for <c>/health</c>
/// on its own listener and exits 0 unless it answers <c>unhealthy</c> (or not at all): <c>degraded</c> is
/// a Blux under load or waiting on a slow disk, which a restart would not help. It is the container's
/// HEALTHCHECK, because the runtime image has no curl or wget.
/// </summary>
internal static class HealthProbe
{
    public const string Command = "healthcheck";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(string[] args)
    {
        var configuration = CommandConfiguration.Build(args);
        try
        {
            var tls = TlsSettings.Load(configuration);
            var target = new Uri(LocalUrl(BluxListen.Urls(configuration)[0]), "/health");
            return tls?.ClientRoots is null
                ? await AskHealthAsync(target, tls)
                : await ConnectAsync(target);
        }
        catch (InvalidSettingException refusal)
        {
            await Console.Error.WriteLineAsync($"healthcheck: {refusal.Message}");
            return 1;
        }
    }

    private static async Task<int> AskHealthAsync(Uri target, TlsSettings? tls)
    {
        using var handler = new SocketsHttpHandler();
        if (tls is not null)
        {
            // The probe talks to its own server on a loopback address the certificate need not name:
            // it trusts exactly the configured certificate, nothing else.
            var expected = tls.ServerCertificate.RawData;
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                certificate is not null && certificate.GetRawCertData().AsSpan().SequenceEqual(expected);
        }

        using var client = new HttpClient(handler) { Timeout = Timeout };
        try
        {
            using var response = await client.GetAsync(target);
            using var body = response.IsSuccessStatusCode ? JsonDocument.Parse(await response.Content.ReadAsStringAsync()) : null;
            var status = body is null ? $"HTTP {(int)response.StatusCode}" : body.RootElement.GetProperty("status").GetString();
            Console.WriteLine($"{target}: {status}");
            return status is "healthy" or "degraded" ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync($"healthcheck: {target}: {e.Message}");
            return 1;
        }
    }

    /// <summary>
    /// With client verification on, the probe has no client certificate to offer, so it can only
    /// see that the listener takes connections.
    /// </summary>
    private static async Task<int> ConnectAsync(Uri target)
    {
        using var tcp = new TcpClient();
        using var deadline = new CancellationTokenSource(Timeout);
        try
        {
            await tcp.ConnectAsync(target.Host, target.Port, deadline.Token);
            Console.WriteLine($"{target.Authority}: listening (client certificates required; /health not asked)");
            return 0;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"healthcheck: {target.Authority}: {e.Message}");
            return 1;
        }
    }

    /// <summary>The listen URL with a wildcard host (<c>0.0.0.0</c>, <c>[::]</c>, <c>*</c>, <c>+</c>) made a loopback address.</summary>
    internal static Uri LocalUrl(string listenUrl)
    {
        var schemeEnd = listenUrl.IndexOf("://", StringComparison.Ordinal);
        var scheme = listenUrl[..schemeEnd];
        var authority = listenUrl[(schemeEnd + 3)..].TrimEnd('/');
        var portStart = authority.LastIndexOf(':');
        var (host, port) = portStart > authority.LastIndexOf(']')
            ? (authority[..portStart], authority[portStart..])
            : (authority, string.Empty);
        host = host switch
        {
            "0.0.0.0" or "*" or "+" => "127.0.0.1",
            "[::]" => "[::1]",
            _ => host,
        };
        return new Uri($"{scheme}://{host}{port}/");
    }
}
