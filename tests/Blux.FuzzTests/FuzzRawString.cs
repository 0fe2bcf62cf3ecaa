namespace Blux.FuzzTests;

/// <summary>A string whose content is raw bytes, UTF-8 or not.</summary>
internal sealed record FuzzRawString(byte[] Bytes) : FuzzJson
{
    public override void WriteTo(Stream output)
    {
        output.WriteByte((byte)'"');
        output.Write(Bytes);
        output.WriteByte((byte)'"');
    }
}
