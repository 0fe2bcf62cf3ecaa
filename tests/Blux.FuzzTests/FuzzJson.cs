using System.Text;

namespace Blux.FuzzTests;

/// <summary>
/// JSON as the fuzzer writes it: its own writer, so that it can also write what no serializer would
/// (a lone surrogate as an escape, raw bytes that are not UTF-8, a member twice).
/// </summary>
internal abstract record FuzzJson
{
    public byte[] ToBytes()
    {
        using var output = new MemoryStream();
        WriteTo(output);
        return output.ToArray();
    }

    public abstract void WriteTo(Stream output);

    protected static void Write(Stream output, string text) => output.Write(Encoding.UTF8.GetBytes(text));
}
