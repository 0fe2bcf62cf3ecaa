namespace Blux.Cli.Audit;

/// <summary>
/// Reads a JSON Lines file as raw lines, so that the verifier sees every byte: a line is the bytes
/// before a <c>\n</c>; a last line without one is reported as such (a cut file), and a line longer
/// than <see cref="MaxLineBytes"/> is refused rather than read into memory.
/// </summary>
internal sealed class LineReader(Stream stream)
{
    public const int MaxLineBytes = 16 * 1024 * 1024;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private readonly MemoryStream _line = new();
    private int _start;
    private int _end;

    public long BytesRead { get; private set; }

    /// <summary>The next line without its <c>\n</c>; null at the end. <paramref name="terminated"/> is false for a last line with no <c>\n</c>.</summary>
    public async Task<(byte[]? Line, bool Terminated)> NextAsync(CancellationToken cancellationToken)
    {
        _line.SetLength(0);
        while (true)
        {
            if (_start == _end)
            {
                _end = await stream.ReadAsync(_buffer, cancellationToken);
                _start = 0;
                BytesRead += _end;
                if (_end == 0)
                {
                    return _line.Length == 0 ? (null, true) : (_line.ToArray(), false);
                }
            }

            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            var take = (newline < 0 ? _end : newline) - _start;
            if (_line.Length + take > MaxLineBytes)
            {
                throw new InvalidDataException($"a line is longer than {MaxLineBytes} bytes");
            }

            _line.Write(_buffer, _start, take);
            _start += take;
            if (newline >= 0)
            {
                _start++;
                return (_line.ToArray(), true);
            }
        }
    }
}
