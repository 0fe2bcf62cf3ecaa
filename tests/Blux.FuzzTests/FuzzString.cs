using System.Globalization;
using System.Text;

namespace Blux.FuzzTests;

/// <summary>A string; control characters and every surrogate are written as <c>\u</c> escapes, so a lone one stays lone.</summary>
internal sealed record FuzzString(string Value) : FuzzJson
{
    public override void WriteTo(Stream output)
    {
        var text = new StringBuilder("\"");
        foreach (var c in Value)
        {
            if (c is '"' or '\\')
            {
                text.Append('\\').Append(c);
            }
            else if (c < 0x20 || char.IsSurrogate(c))
            {
                text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                text.Append(c);
            }
        }

        Write(output, text.Append('"').ToString());
    }
}
