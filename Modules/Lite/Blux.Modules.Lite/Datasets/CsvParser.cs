using System.Text;

namespace Blux.Modules.Lite.Datasets;

/// <summary>
/// RFC 4180 CSV: comma-separated fields, optionally in double quotes (a quote inside is doubled),
/// records ended by LF or CRLF, a header first, blank lines skipped. Every record must have as many
/// fields as the header; anything else is refused with the line it happened on.
/// </summary>
internal static class CsvParser
{
    public static CsvTable Parse(string text, int maxRows = int.MaxValue)
    {
        var state = new State(maxRows);
        var i = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        while (i < text.Length)
        {
            var c = text[i];
            switch (c)
            {
                case '"' when state.Field.Length == 0 && !state.Quoted:
                    i = ReadQuoted(text, i + 1, state);
                    continue;
                case '"':
                    throw new CsvFormatException(state.Line, "stray_quote", $"Line {state.Line}: a double quote inside an unquoted field.");
                case ',':
                    state.EndField();
                    break;
                case '\r' or '\n':
                    state.EndRecord();
                    if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        i++;
                    }

                    state.Line++;
                    state.RecordLine = state.Line;
                    break;
                default:
                    if (state.Quoted)
                    {
                        throw new CsvFormatException(state.Line, "text_after_quote", $"Line {state.Line}: text follows a quoted field before the next comma.");
                    }

                    state.Field.Append(c);
                    break;
            }

            i++;
        }

        state.EndRecord();
        return state.Header is null
            ? throw new CsvFormatException(1, "no_header", "Line 1: the file is empty; a header line is required.")
            : new CsvTable(state.Header, state.Rows, state.Truncated);
    }

    /// <summary>Reads a quoted field from after its opening quote; answers the index after its closing quote.</summary>
    private static int ReadQuoted(string text, int i, State state)
    {
        var opened = state.Line;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"')
            {
                if (i + 1 < text.Length && text[i + 1] == '"')
                {
                    state.Field.Append('"');
                    i += 2;
                    continue;
                }

                state.Quoted = true;
                return i + 1;
            }

            if (c == '\n')
            {
                state.Line++;
            }

            state.Field.Append(c);
            i++;
        }

        throw new CsvFormatException(opened, "unterminated_quote", $"Line {opened}: a quoted field is never closed.");
    }

    private sealed class State(int maxRows)
    {
        public StringBuilder Field { get; } = new();

        public List<string> Fields { get; } = [];

        public List<string[]> Rows { get; } = [];

        public string[]? Header { get; private set; }

        public bool Quoted { get; set; }

        public bool Truncated { get; private set; }

        public int Line { get; set; } = 1;

        public int RecordLine { get; set; } = 1;

        public void EndField()
        {
            Fields.Add(Field.ToString());
            Field.Clear();
            Quoted = false;
        }

        public void EndRecord()
        {
            if (Fields.Count == 0 && Field.Length == 0 && !Quoted)
            {
                return;
            }

            EndField();
            if (Header is null)
            {
                Header = HeaderOf(Fields, RecordLine);
            }
            else if (Fields.Count != Header.Length)
            {
                throw new CsvFormatException(RecordLine, "field_count", $"Line {RecordLine}: {Fields.Count} fields where the header has {Header.Length}.");
            }
            else if (Rows.Count < maxRows)
            {
                Rows.Add([.. Fields]);
            }
            else
            {
                Truncated = true;
            }

            Fields.Clear();
        }

        private static string[] HeaderOf(List<string> fields, int line)
        {
            var names = fields.Select(f => f.Trim()).ToArray();
            var empty = Array.FindIndex(names, n => n.Length == 0);
            if (empty >= 0)
            {
                throw new CsvFormatException(line, "empty_column_name", $"Line {line}: column {empty + 1} of the header has no name.");
            }

            var duplicate = names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            return duplicate is not null
                ? throw new CsvFormatException(line, "duplicate_column", $"Line {line}: the header names column '{duplicate.Key}' twice.")
                : names;
        }
    }
}
