using System.Globalization;

namespace Blux.SharedKernel.Api;

/// <summary>
/// The raw text of a query or header parameter that a request record binds as a string: binding text
/// never fails, so a bad value reaches the request's validator and is refused naming the parameter.
/// Empty counts as left out. The validator asks <c>Is…</c>; the handler, once it passed, reads the value.
/// </summary>
public static class QueryValue
{
    public static string? Text(string? raw) => string.IsNullOrEmpty(raw) ? null : raw;

    public static bool IsTime(string? raw) => string.IsNullOrEmpty(raw) || BluxTime.TryParse(raw, out _);

    /// <summary>The time in the stored text form, whose text order is time order.</summary>
    public static string? TimeText(string? raw) =>
        string.IsNullOrEmpty(raw) ? null : BluxTime.TryParse(raw, out var value) ? BluxTime.ToText(value) : throw Invalid(raw);

    public static bool IsWholeNumber(string? raw, long minimum) => string.IsNullOrEmpty(raw) || (TryParse(raw, out var value) && value >= minimum);

    public static long? WholeNumber(string? raw) =>
        string.IsNullOrEmpty(raw) ? null : TryParse(raw, out var value) ? value : throw Invalid(raw);

    private static bool TryParse(string raw, out long value) => long.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);

    private static FormatException Invalid(string raw) => new($"'{raw}' was read before its validator passed it.");
}
