using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Blux.Cli.Config;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Blux.Cli.Output;

/// <summary>
/// Writes results to stdout in the chosen format and messages to stderr. JSON and JSON Lines are
/// the API's own bodies, alone on stdout. Tables have borders and colour on a terminal, and are
/// plain aligned columns (no escape codes) when stdout is a pipe or a file.
/// </summary>
internal sealed class Renderer
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly CliEnvironment _environment;
    private readonly bool _color;

    public Renderer(CliEnvironment environment, OutputFormat format, bool color)
    {
        _environment = environment;
        Format = format;
        _color = color;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(environment.Out),
            Ansi = color ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = color ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        if (!environment.OutIsTerminal)
        {
            Console.Profile.Width = 200;
        }
    }

    public OutputFormat Format { get; }

    public bool IsTable => Format == OutputFormat.Table;

    /// <summary>Stdout as a Spectre console (no colour unless stdout is a terminal and colour is allowed).</summary>
    public IAnsiConsole Console { get; }

    public TextWriter Out => _environment.Out;

    public void Json(JsonNode? node) =>
        _environment.Out.WriteLine(node?.ToJsonString(Format == OutputFormat.Jsonl ? Compact : Indented) ?? "null");

    /// <summary>A list: one JSON document per line in jsonl, one array in json.</summary>
    public void Items(IEnumerable<JsonNode?> items)
    {
        if (Format == OutputFormat.Jsonl)
        {
            foreach (var item in items)
            {
                _environment.Out.WriteLine(item?.ToJsonString(Compact) ?? "null");
            }
        }
        else
        {
            Json(new JsonArray(items.Select(i => i?.DeepClone()).ToArray()));
        }
    }

    /// <summary>One answer: drawn by <paramref name="table"/> in the table format, else the answer's JSON.</summary>
    public void Show(JsonNode? answer, Action table)
    {
        if (IsTable)
        {
            table();
        }
        else
        {
            Json(answer);
        }
    }

    /// <summary>
    /// A list answer: its items as a table (with where the next page starts, when there is one), one
    /// item a line in jsonl, or the whole answer in json.
    /// </summary>
    public void List(JsonNode? answer, IEnumerable<JsonNode?> items, IReadOnlyList<Column> columns, string? nextPageToken = null)
    {
        if (IsTable)
        {
            Table(columns, items);
            if (nextPageToken is not null)
            {
                Message($"More: --page-token {nextPageToken}");
            }
        }
        else if (Format == OutputFormat.Jsonl)
        {
            Items(items);
        }
        else
        {
            Json(answer);
        }
    }

    public void Message(string text) => _environment.Error.WriteLine(text);

    public void Table(IReadOnlyList<Column> columns, IEnumerable<JsonNode?> items) =>
        Table([.. columns.Select(c => c.Header)], items.Select(item => (IReadOnlyList<string?>)[.. columns.Select(c => c.Cell(item))]));

    public void Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows)
    {
        var all = rows.ToList();
        if (!_environment.OutIsTerminal || !_color)
        {
            PlainColumns(headers, all);
            return;
        }

        var table = new Table().RoundedBorder();
        foreach (var header in headers)
        {
            table.AddColumn(new TableColumn(new Text(header, new Style(decoration: Decoration.Bold))));
        }

        foreach (var row in all)
        {
            table.AddRow(row.Select(cell => (IRenderable)new Markup(Styled(cell))).ToArray());
        }

        Console.Write(table);
    }

    /// <summary>Every field of an object, as two columns.</summary>
    public void Fields(JsonNode? item) => Fields((item as JsonObject ?? []).Select(p => (p.Key, Text(p.Value))));

    /// <summary>An object as two columns, field and value.</summary>
    public void Fields(IEnumerable<(string Name, string? Value)> fields)
    {
        var list = fields.ToList();
        var width = list.Count == 0 ? 0 : list.Max(f => f.Name.Length);
        foreach (var (name, value) in list)
        {
            if (_color && _environment.OutIsTerminal)
            {
                Console.MarkupLine($"[bold]{Markup.Escape(name.PadRight(width))}[/]  {Styled(value)}");
            }
            else
            {
                _environment.Out.WriteLine($"{name.PadRight(width)}  {value ?? "-"}");
            }
        }
    }

    private void PlainColumns(IReadOnlyList<string> headers, List<IReadOnlyList<string?>> rows)
    {
        var widths = headers.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => (r.ElementAtOrDefault(i) ?? "-").Length))).ToArray();
        _environment.Out.WriteLine(Line(headers.Select(h => h.ToUpperInvariant()).ToList(), widths));
        foreach (var row in rows)
        {
            _environment.Out.WriteLine(Line(row.Select(c => c ?? "-").ToList(), widths));
        }
    }

    private static string Line(IReadOnlyList<string> cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i == cells.Count - 1 ? c : c.PadRight(widths[i]))).TrimEnd();

    /// <summary>Status words in colour; everything else escaped as text.</summary>
    private static string Styled(string? cell) => cell switch
    {
        null => "[grey]-[/]",
        "completed" or "success" or "active" or "healthy" or "allow" or "valid" or "ready" => $"[green]{cell}[/]",
        "failed" or "failure" or "rejected" or "denied" or "deny" or "revoked" or "unhealthy" or "timed_out" or "disabled" or "invalid" => $"[red]{cell}[/]",
        "awaiting_approval" or "require_approval" or "pending" or "degraded" or "cancelled" or "retired" => $"[yellow]{cell}[/]",
        "running" or "queued" or "accepted" => $"[blue]{cell}[/]",
        _ => Markup.Escape(cell),
    };

    public static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => Safe(text),
        JsonValue value => value.ToJsonString(),
        JsonArray array => string.Join(",", array.Select(Text)),
        _ => node.ToJsonString(Compact),
    };

    /// <summary>
    /// Text from Blux made safe for a terminal: control characters (an ESC starting a sequence that
    /// would move the cursor, retitle the window or rewrite what was printed) are shown as \uXXXX.
    /// </summary>
    public static string Safe(string text)
    {
        if (!text.Any(char.IsControl))
        {
            return text;
        }

        var builder = new System.Text.StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            builder.Append(char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString());
        }

        return builder.ToString();
    }
}
