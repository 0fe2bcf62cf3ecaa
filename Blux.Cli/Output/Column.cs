using System.Text.Json.Nodes;

namespace Blux.Cli.Output;

/// <summary>One column of a table of API items: its header and how a cell is read from an item.</summary>
internal sealed record Column(string Header, Func<JsonNode?, string?> Cell)
{
    /// <summary>The item's field of the same name as the header.</summary>
    public static Column Field(string name) => Field(name, name);

    /// <summary>The item's <paramref name="field"/>, shown under <paramref name="header"/>.</summary>
    public static Column Field(string header, string field) => new(header, item => Renderer.Text(item?[field]));

    /// <summary>The columns named after the fields they show.</summary>
    public static IReadOnlyList<Column> Fields(params string[] names) => [.. names.Select(Field)];
}
