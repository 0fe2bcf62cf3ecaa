using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Blux.Cli.Crypto;

/// <summary>
/// RFC 8785 JSON Canonicalization Scheme, written for bluxq from the RFC (it shares no code with
/// Blux, so the offline verifier is a second implementation of the same contract): members sorted
/// by their UTF-16 code units, no whitespace, strings with the minimal escapes, numbers as
/// ECMAScript's Number.prototype.toString writes the double.
/// </summary>
internal static class Jcs
{
    public static byte[] Utf8(JsonElement element) => Encoding.UTF8.GetBytes(Text(element));

    public static string Text(JsonElement element)
    {
        var builder = new StringBuilder(512);
        try
        {
            Write(builder, element, depth: 0);
        }
        catch (InvalidOperationException exception)
        {
            // System.Text.Json refuses to decode a \u escape that leaves a lone surrogate.
            throw new FormatException(exception.Message, exception);
        }

        return builder.ToString();
    }

    private static void Write(StringBuilder builder, JsonElement element, int depth)
    {
        if (depth > 128)
        {
            throw new FormatException("nested deeper than 128 levels");
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var members = element.EnumerateObject().ToList();
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var member in members)
                {
                    if (!names.Add(member.Name))
                    {
                        throw new FormatException($"member '{member.Name}' appears twice");
                    }
                }

                builder.Append('{');
                var first = true;
                foreach (var member in members.OrderBy(m => m.Name, StringComparer.Ordinal))
                {
                    if (!first)
                    {
                        builder.Append(',');
                    }

                    first = false;
                    WriteString(builder, member.Name);
                    builder.Append(':');
                    Write(builder, member.Value, depth + 1);
                }

                builder.Append('}');
                break;
            case JsonValueKind.Array:
                builder.Append('[');
                var firstItem = true;
                foreach (var item in element.EnumerateArray())
                {
                    if (!firstItem)
                    {
                        builder.Append(',');
                    }

                    firstItem = false;
                    Write(builder, item, depth + 1);
                }

                builder.Append(']');
                break;
            case JsonValueKind.String:
                WriteString(builder, element.GetString()!);
                break;
            case JsonValueKind.Number:
                builder.Append(Number(element.GetDouble()));
                break;
            case JsonValueKind.True:
                builder.Append("true");
                break;
            case JsonValueKind.False:
                builder.Append("false");
                break;
            default:
                builder.Append("null");
                break;
        }
    }

    private static void WriteString(StringBuilder builder, string value)
    {
        builder.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                builder.Append(c).Append(value[++i]);
                continue;
            }

            if (char.IsSurrogate(c))
            {
                throw new FormatException("a string holds a lone surrogate");
            }

            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (c < 0x20)
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
    }

    /// <summary>ECMAScript Number::toString (ECMA-262 §6.1.6.1.20) from the shortest round-trip digits.</summary>
    public static string Number(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            throw new FormatException("NaN and infinities have no JSON form");
        }

        if (value == 0)
        {
            return "0";
        }

        var negative = value < 0;
        var shortest = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var exponentAt = shortest.IndexOfAny(['E', 'e']);
        var mantissa = exponentAt < 0 ? shortest : shortest[..exponentAt];
        var exponent = exponentAt < 0 ? 0 : int.Parse(shortest[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var point = mantissa.IndexOf('.');
        var digits = mantissa.Replace(".", string.Empty);
        var n = (point < 0 ? mantissa.Length : point) + exponent;
        var leadingZeros = digits.Length - digits.TrimStart('0').Length;
        digits = digits.TrimStart('0');
        n -= leadingZeros;
        digits = digits.TrimEnd('0');
        var k = digits.Length;

        var builder = new StringBuilder(32);
        if (negative)
        {
            builder.Append('-');
        }

        if (k <= n && n <= 21)
        {
            builder.Append(digits).Append('0', n - k);
        }
        else if (0 < n && n <= 21)
        {
            builder.Append(digits, 0, n).Append('.').Append(digits, n, k - n);
        }
        else if (-6 < n && n <= 0)
        {
            builder.Append("0.").Append('0', -n).Append(digits);
        }
        else
        {
            builder.Append(digits[0]);
            if (k > 1)
            {
                builder.Append('.').Append(digits, 1, k - 1);
            }

            builder.Append('e').Append(n - 1 >= 0 ? "+" : "-").Append(Math.Abs(n - 1).ToString(CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }
}
