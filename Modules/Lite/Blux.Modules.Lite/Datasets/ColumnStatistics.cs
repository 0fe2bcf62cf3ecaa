using System.Globalization;

namespace Blux.Modules.Lite.Datasets;

/// <summary>
/// Per-column statistics of a table. Empty fields and <c>null</c>/<c>NA</c> (any case) are nulls. A
/// column whose non-null values all read as numbers (invariant culture) is numeric: min, max, mean and
/// sample standard deviation are numbers; otherwise min and max compare text ordinally and mean and
/// stddev are null.
/// </summary>
internal sealed record ColumnStatistics(
    string Name,
    string Type,
    long Count,
    long Nulls,
    object? Min,
    object? Max,
    double? Mean,
    double? Stddev,
    long Distinct)
{
    public static IReadOnlyList<ColumnStatistics> Of(CsvTable table) =>
        table.Header.Select((name, column) => OfColumn(name, table.Rows.Select(r => r[column]))).ToArray();

    public static bool IsNull(string value)
    {
        var trimmed = value.Trim();
        return trimmed.Length == 0 || trimmed.Equals("null", StringComparison.OrdinalIgnoreCase) || trimmed.Equals("na", StringComparison.OrdinalIgnoreCase);
    }

    private static ColumnStatistics OfColumn(string name, IEnumerable<string> values)
    {
        long count = 0;
        long nulls = 0;
        var numeric = true;
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        string? minText = null;
        string? maxText = null;
        double min = double.PositiveInfinity;
        double max = double.NegativeInfinity;
        double mean = 0;
        double m2 = 0;
        foreach (var raw in values)
        {
            if (IsNull(raw))
            {
                nulls++;
                continue;
            }

            var value = raw.Trim();
            count++;
            distinct.Add(value);
            if (minText is null || string.CompareOrdinal(value, minText) < 0)
            {
                minText = value;
            }

            if (maxText is null || string.CompareOrdinal(value, maxText) > 0)
            {
                maxText = value;
            }

            if (numeric && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
            {
                // Welford's update keeps the variance exact enough over long columns.
                min = Math.Min(min, number);
                max = Math.Max(max, number);
                var delta = number - mean;
                mean += delta / count;
                m2 += delta * (number - mean);
            }
            else
            {
                numeric = false;
            }
        }

        if (count == 0)
        {
            return new ColumnStatistics(name, "empty", 0, nulls, null, null, null, null, 0);
        }

        return numeric
            ? new ColumnStatistics(name, "number", count, nulls, min, max, mean, count > 1 ? Math.Sqrt(m2 / (count - 1)) : 0, distinct.Count)
            : new ColumnStatistics(name, "string", count, nulls, minText, maxText, null, null, distinct.Count);
    }
}
