namespace Blux.FuzzTests;

/// <summary>Text written as it is: numbers (<c>1e400</c>), literals, or anything else.</summary>
internal sealed record FuzzLiteral(string Text) : FuzzJson
{
    public override void WriteTo(Stream output) => Write(output, Text);
}
