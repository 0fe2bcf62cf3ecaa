using System.Text;

namespace Blux.FuzzTests;

/// <summary>One generated request; <see cref="ToString"/> is what a failure report shows to replay it by hand.</summary>
internal sealed record FuzzRequest(
    ApiOperation Operation,
    string Path,
    string Query,
    string? Authorization,
    string? ContentType,
    IReadOnlyList<(string Name, string Value)> Headers,
    byte[]? Body)
{
    private const int ShownBodyBytes = 600;

    public string Target => Query.Length == 0 ? Path : Path + "?" + Query;

    public override string ToString()
    {
        var text = new StringBuilder($"{Operation.Method} {Target}  ({Operation})\n");
        text.Append("Authorization: ").Append(Authorization is null ? "(none)" : Cut(Authorization, 80)).Append('\n');
        text.Append("Content-Type: ").Append(ContentType ?? "(none)").Append('\n');
        foreach (var (name, value) in Headers)
        {
            text.Append(name).Append(": ").Append(Cut(value, 80)).Append('\n');
        }

        if (Body is not null)
        {
            text.Append($"body ({Body.Length} bytes): ");
            foreach (var b in Body.Take(ShownBodyBytes))
            {
                text.Append(b is >= 0x20 and < 0x7f ? ((char)b).ToString() : $"\\x{b:x2}");
            }

            text.Append(Body.Length > ShownBodyBytes ? " …" : string.Empty);
        }

        return text.ToString();
    }

    private static string Cut(string value, int length) => value.Length <= length ? value : value[..length] + $"… ({value.Length} chars)";
}
