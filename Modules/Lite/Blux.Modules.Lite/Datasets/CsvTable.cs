namespace Blux.Modules.Lite.Datasets;

/// <summary>A parsed CSV file: the header and the rows, every row as wide as the header.</summary>
internal sealed record CsvTable(IReadOnlyList<string> Header, IReadOnlyList<string[]> Rows, bool Truncated);
