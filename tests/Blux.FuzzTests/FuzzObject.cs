namespace Blux.FuzzTests;

/// <summary>An object; members are written in order, a name twice if it is there twice.</summary>
internal sealed record FuzzObject(IReadOnlyList<(string Name, FuzzJson Value)> Members) : FuzzJson
{
    public override void WriteTo(Stream output)
    {
        output.WriteByte((byte)'{');
        for (var i = 0; i < Members.Count; i++)
        {
            if (i > 0)
            {
                output.WriteByte((byte)',');
            }

            new FuzzString(Members[i].Name).WriteTo(output);
            output.WriteByte((byte)':');
            Members[i].Value.WriteTo(output);
        }

        output.WriteByte((byte)'}');
    }
}
