namespace Blux.SharedKernel.Crypto;

/// <summary>Written forms of signatures: <c>es512-</c> and <c>hs256-</c> followed by base64url without padding.</summary>
public static class SignatureFormat
{
    public const string Es512Prefix = "es512-";
    public const string Hs256Prefix = "hs256-";

    public static string Es512(ReadOnlySpan<byte> signature) => Es512Prefix + Base64Url.Encode(signature);

    public static string Hs256(ReadOnlySpan<byte> mac) => Hs256Prefix + Base64Url.Encode(mac);

    public static bool TryDecode(string? written, string prefix, out byte[] raw)
    {
        raw = [];
        if (written is null || !written.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        return Base64Url.TryDecode(written.AsSpan(prefix.Length), out raw);
    }
}
