using System.Runtime.CompilerServices;
using System.Text;

namespace Blux.Cli.Audit;

/// <summary>A reader of <c>text/event-stream</c> (the WHATWG rules bluxq needs: id, data, comments, blank line ends an event).</summary>
internal static class ServerSentEvents
{
    public static async IAsyncEnumerable<(string? Id, string Data)> ReadAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Lines are bounded (LineReader.MaxLineBytes), so a stream that never ends a line cannot fill memory.
        var reader = new LineReader(stream);
        string? id = null;
        var data = new StringBuilder();
        while ((await reader.NextAsync(cancellationToken)).Line is { } bytes)
        {
            var line = Encoding.UTF8.GetString(bytes).TrimEnd('\r');
            if (data.Length > LineReader.MaxLineBytes)
            {
                throw new InvalidDataException($"an event is larger than {LineReader.MaxLineBytes} bytes");
            }

            if (line.Length == 0)
            {
                if (data.Length > 0)
                {
                    yield return (id, data.ToString());
                }

                data.Clear();
                continue;
            }

            if (line.StartsWith(':'))
            {
                continue;
            }

            var colon = line.IndexOf(':');
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? string.Empty : line[(colon + 1)..];
            if (value.StartsWith(' '))
            {
                value = value[1..];
            }

            switch (field)
            {
                case "id":
                    id = value;
                    break;
                case "data":
                    if (data.Length > 0)
                    {
                        data.Append('\n');
                    }

                    data.Append(value);
                    break;
            }
        }
    }
}
