namespace Blux.FuzzTests;

/// <summary>An array.</summary>
internal sealed record FuzzArray(IReadOnlyList<FuzzJson> Items) : FuzzJson
{
    public override void WriteTo(Stream output)
    {
        output.WriteByte((byte)'[');
        for (var i = 0; i < Items.Count; i++)
        {
            if (i > 0)
            {
                output.WriteByte((byte)',');
            }

            Items[i].WriteTo(output);
        }

        output.WriteByte((byte)']');
    }
}
