namespace Blux.Modules.Lite.Datasets;

/// <summary>A CSV text that is not well formed, with the 1-based line where the problem is.</summary>
internal sealed class CsvFormatException(int line, string issue, string message) : Exception(message)
{
    public int Line { get; } = line;

    public string Issue { get; } = issue;
}
