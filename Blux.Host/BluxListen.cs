using System.Net;
using System.Net.Sockets;
using Blux.SharedKernel.Settings;

namespace Blux.Host;

/// <summary>Where Blux listens: <c>--urls</c> or <c>ASPNETCORE_URLS</c>, else <c>Blux:Listen</c>.</summary>
internal static class BluxListen
{
    public const string Default = "http://127.0.0.1:8080";

    public static IReadOnlyList<string> Urls(IConfiguration configuration) =>
        (configuration["urls"] ?? configuration["Blux:Listen"] ?? Default)
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The setting the listen URLs came from, for messages that name it.</summary>
    public static string SettingName(IConfiguration configuration) =>
        configuration["urls"] is null ? "Blux:Listen" : "urls (--urls or ASPNETCORE_URLS)";

    /// <summary>
    /// Why Blux could not listen on one of <paramref name="urls"/> (a port another process holds, an
    /// address this machine does not have), or null. Asked before anything is written: Kestrel binds
    /// only after the modules have started, so a busy port would otherwise leave new stores behind.
    /// </summary>
    public static string? Unavailable(IReadOnlyList<string> urls, string setting)
    {
        foreach (var url in urls)
        {
            BindingAddress address;
            try
            {
                address = BindingAddress.Parse(url);
            }
            catch (FormatException)
            {
                return BluxSettings.Refusal(setting, url, "it must be a URL such as http://127.0.0.1:8080");
            }

            // A Unix socket, a named pipe or port 0 (any free port) cannot be taken in advance.
            if (address.IsUnixPipe || address.IsNamedPipe || address.Port == 0)
            {
                continue;
            }

            var ip = IPAddress.TryParse(address.Host, out var given) ? given
                : string.Equals(address.Host, "localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
                : Socket.OSSupportsIPv6 ? IPAddress.IPv6Any : IPAddress.Any;
            using var socket = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            if (ip.Equals(IPAddress.IPv6Any))
            {
                socket.DualMode = true;
            }

            // As Kestrel binds on Unix: a port held only by closed connections (TIME_WAIT) is free.
            if (!OperatingSystem.IsWindows())
            {
                socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            }

            try
            {
                socket.Bind(new IPEndPoint(ip, address.Port));
            }
            catch (SocketException e)
            {
                return BluxSettings.Refusal(setting, url, $"Blux cannot listen on it ({e.Message}); it must be an address of this machine and a port no other process holds");
            }
        }

        return null;
    }
}
