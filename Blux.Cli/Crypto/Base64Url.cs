namespace Blux.Cli.Crypto;

/// <summary>base64url without padding (RFC 4648 §5), strict: any other character, or padding, is refused.</summary>
internal static class Base64Url
{
    public static string Encode(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] Decode(string text)
    {
        if (text.Length % 4 == 1 || text.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            throw new FormatException("not base64url without padding");
        }

        var standard = text.Replace('-', '+').Replace('_', '/');
        var bytes = Convert.FromBase64String(standard.PadRight(standard.Length + ((4 - (standard.Length % 4)) % 4), '='));
        if (Encode(bytes) != text)
        {
            // Unused low bits set in the last character: another spelling of the same bytes.
            throw new FormatException("not the canonical base64url form");
        }

        return bytes;
    }
}
