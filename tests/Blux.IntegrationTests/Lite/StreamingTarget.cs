using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Blux.IntegrationTests.Infrastructure;

namespace Blux.IntegrationTests.Lite;

/// <summary>
/// A bare HTTP/1.1 server on a free port of 127.0.0.1 for answers that stream. It counts the body bytes
/// its socket accepted, which tells how much the client took before it hung up (a framework server
/// discards writes to a closed connection and cannot tell). Its send buffer is small, so what it counts
/// is what the client read plus the client's own receive buffer.
/// <list type="bullet">
/// <item><c>/big?bytes=N&amp;chunked=true|false</c> answers N bytes of <c>x</c>; <c>/endless</c> streams up to 1 GiB.</item>
/// <item><c>/lying-length</c> declares 300 MB and sends five bytes; <c>/drip</c> sends a byte every 100 ms;
/// <c>/silent</c> sends nothing. Each then waits (up to 60 s) for the client to hang up.</item>
/// </list>
/// </summary>
public sealed class StreamingTarget : IAsyncLifetime
{
    private const int Piece = 64 * 1024;

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private Task _accepting = Task.CompletedTask;

    /// <summary>Each answer once it ended: the body bytes the socket accepted, and whether the client hung up before the end.</summary>
    public ConcurrentQueue<(string Path, long BytesSent, bool ClientHungUp)> Streams { get; } = new();

    public string BaseUrl { get; private set; } = string.Empty;

    public Task InitializeAsync()
    {
        _listener.Start();
        BaseUrl = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
        _accepting = AcceptAsync();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }

    /// <summary>The answer to <paramref name="path"/> that ended after the first <paramref name="skip"/> answers; fails after 30 s.</summary>
    public Task<(string Path, long BytesSent, bool ClientHungUp)> EndedAsync(string path, int skip) =>
        Eventually.Async(
            () => Task.FromResult(Streams.Skip(skip).FirstOrDefault(s => s.Path == path)),
            ended => ended.Path is not null,
            $"the answer to {path} ends");

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = ServeAsync(socket);
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        using (socket)
        {
            socket.SendBufferSize = Piece;
            var target = await ReadRequestAsync(socket);
            if (target is null)
            {
                return;
            }

            var path = target.Split('?')[0];
            var query = target.Contains('?') ? target[(target.IndexOf('?') + 1)..].Split('&').Select(p => p.Split('=')).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : string.Empty) : [];
            var (sent, hungUp) = path switch
            {
                "/big" => await StreamAsync(socket, long.Parse(query["bytes"], CultureInfo.InvariantCulture), query.GetValueOrDefault("chunked") == "true", TimeSpan.Zero),
                "/endless" => await StreamAsync(socket, 1L << 30, chunked: true, TimeSpan.Zero),
                "/drip" => await StreamAsync(socket, 100_000, chunked: true, TimeSpan.FromMilliseconds(100)),
                "/lying-length" => await DeclareAndStallAsync(socket),
                _ => (0, await HungUpAsync(socket)),
            };
            Streams.Enqueue((path, sent, hungUp));
        }
    }

    /// <summary>The request target of the request line, once the whole request (headers and body) has been read; null if the client went away.</summary>
    private static async Task<string?> ReadRequestAsync(Socket socket)
    {
        var received = new List<byte>();
        var buffer = new byte[8192];
        int headerEnd;
        while ((headerEnd = IndexOfHeaderEnd(received)) < 0)
        {
            var read = await socket.ReceiveAsync(buffer);
            if (read == 0)
            {
                return null;
            }

            received.AddRange(buffer.AsSpan(0, read));
        }

        var head = Encoding.ASCII.GetString(received.ToArray(), 0, headerEnd);
        var lines = head.Split("\r\n");
        var length = lines.Skip(1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            .Select(p => long.Parse(p[1].Trim(), CultureInfo.InvariantCulture)).FirstOrDefault();
        var bodyRead = received.Count - (headerEnd + 4);
        while (bodyRead < length)
        {
            var read = await socket.ReceiveAsync(buffer);
            if (read == 0)
            {
                return null;
            }

            bodyRead += read;
        }

        return lines[0].Split(' ')[1];
    }

    private static int IndexOfHeaderEnd(List<byte> received)
    {
        for (var i = 0; i + 3 < received.Count; i++)
        {
            if (received[i] == '\r' && received[i + 1] == '\n' && received[i + 2] == '\r' && received[i + 3] == '\n')
            {
                return i;
            }
        }

        return -1;
    }

    private async Task<(long Sent, bool HungUp)> StreamAsync(Socket socket, long bytes, bool chunked, TimeSpan pause)
    {
        var framing = chunked ? "Transfer-Encoding: chunked" : $"Content-Length: {bytes}";
        long sent = 0;
        try
        {
            await socket.SendAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n{framing}\r\n\r\n"));
            var piece = new byte[pause > TimeSpan.Zero ? 1 : Piece];
            Array.Fill(piece, (byte)'x');
            while (sent < bytes)
            {
                var length = (int)Math.Min(piece.Length, bytes - sent);
                if (chunked)
                {
                    await socket.SendAsync(Encoding.ASCII.GetBytes($"{length:x}\r\n"));
                }

                await socket.SendAsync(piece.AsMemory(0, length));
                sent += length;
                if (chunked)
                {
                    await socket.SendAsync("\r\n"u8.ToArray());
                }

                if (pause > TimeSpan.Zero)
                {
                    // A drip lasts until the client hangs up or the target stops, never past the test.
                    await Task.Delay(pause, _stop.Token);
                }
            }

            if (chunked)
            {
                await socket.SendAsync("0\r\n\r\n"u8.ToArray());
            }

            return (sent, false);
        }
        catch (SocketException)
        {
            return (sent, true);
        }
        catch (OperationCanceledException)
        {
            return (sent, false);
        }
    }

    private static async Task<(long Sent, bool HungUp)> DeclareAndStallAsync(Socket socket)
    {
        try
        {
            await socket.SendAsync("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 300000000\r\n\r\n{\"a\":"u8.ToArray());
        }
        catch (SocketException)
        {
            return (0, true);
        }

        return (5, await HungUpAsync(socket));
    }

    /// <summary>Waits up to 60 s for the client to close the connection; true when it did.</summary>
    private static async Task<bool> HungUpAsync(Socket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            var buffer = new byte[1024];
            int read;
            do
            {
                read = await socket.ReceiveAsync(buffer, timeout.Token);
            }
            while (read > 0);

            return true;
        }
        catch (SocketException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
