namespace Blux.FuzzTests;

/// <summary><paramref name="Depth"/> arrays or objects inside each other around <paramref name="Inner"/>.</summary>
internal sealed record FuzzNested(int Depth, bool Objects, FuzzJson Inner) : FuzzJson
{
    public override void WriteTo(Stream output)
    {
        for (var i = 0; i < Depth; i++)
        {
            Write(output, Objects ? "{\"n\":" : "[");
        }

        Inner.WriteTo(output);
        for (var i = 0; i < Depth; i++)
        {
            output.WriteByte(Objects ? (byte)'}' : (byte)']');
        }
    }
}
