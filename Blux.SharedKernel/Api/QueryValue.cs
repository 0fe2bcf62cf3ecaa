using System.Globalization;
using System.Text.RegularExpressions;

namespace Blux.SharedKernel.Api;

/// <summary>
/// The raw text of a query or header parameter that a request record binds as a string: binding text
/// never fails, so a bad value reaches the request's validator and is refused naming the parameter.
/// Empty counts as left out. The validator asks <c>Is…</c>; the handler, once it passed, reads the value.
/// </summary>
public static partial class QueryValue
{
    public static string? Text(string? raw) => string.IsNullOrEmpty(raw) ? null : raw;

    public static bool IsTime(string? raw) => string.IsNullOrEmpty(raw) || BluxTime.TryParse(raw, out _);

    /// <summary>The time in the stored text form, whose text order is time order.</summary>
    public static string? TimeText(string? raw) =>
        string.IsNullOrEmpty(raw) ? null : BluxTime.TryParse(raw, out var value) ? BluxTime.ToText(value) : throw Invalid(raw);

    /// <summary>True when left out or an RFC 3339 date-time with its offset (<c>2026-01-01T00:00:00Z</c>); no other form.</summary>
    public static bool IsOffsetTime(string? raw) =>
        string.IsNullOrEmpty(raw) || (raw.Length <= 40 && Rfc3339().IsMatch(raw) && DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.None, out _));

    /// <summary>The instant an <see cref="IsOffsetTime"/> value names, in UTC.</summary>
    public static DateTimeOffset? OffsetTime(string? raw) =>
        string.IsNullOrEmpty(raw) ? null
        : IsOffsetTime(raw) ? DateTimeOffset.Parse(raw, CultureInfo.InvariantCulture, DateTimeStyles.None).ToUniversalTime()
        : throw Invalid(raw);

    public static bool IsWholeNumber(string? raw, long minimum) => string.IsNullOrEmpty(raw) || (TryParse(raw, out var value) && value >= minimum);

    public static long? WholeNumber(string? raw) =>
        string.IsNullOrEmpty(raw) ? null : TryParse(raw, out var value) ? value : throw Invalid(raw);

    private static bool TryParse(string raw, out long value) => long.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);

    [GeneratedRegex(@"\A\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})\z", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339();

    private static FormatException Invalid(string raw) => new($"'{raw}' was read before its validator passed it.");
}
