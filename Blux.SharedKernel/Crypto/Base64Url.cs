namespace Blux.SharedKernel.Crypto;

public static class Base64Url
{
    public static string Encode(ReadOnlySpan<byte> data) => System.Buffers.Text.Base64Url.EncodeToString(data);

    public static byte[] Decode(string text) => System.Buffers.Text.Base64Url.DecodeFromChars(text);

    public static bool TryDecode(ReadOnlySpan<char> text, out byte[] data)
    {
        if (!System.Buffers.Text.Base64Url.IsValid(text, out var length))
        {
            data = [];
            return false;
        }

        data = new byte[length];
        return System.Buffers.Text.Base64Url.TryDecodeFromChars(text, data, out _);
    }
}
