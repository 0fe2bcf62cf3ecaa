using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Blux.SharedKernel.Json;

/// <summary>
/// RFC 8785 JSON Canonicalization Scheme (JCS). Every hash and signature in Blux is computed over
/// these bytes, so any JCS implementation in any language reproduces them.
/// </summary>
public static class CanonicalJson
{
    public static byte[] ToUtf8Bytes(JsonNode? node) => Encoding.UTF8.GetBytes(ToText(node));

    public static byte[] ToUtf8Bytes(JsonElement element) => Encoding.UTF8.GetBytes(ToText(element));

    public static string ToText(JsonNode? node)
    {
        var builder = new StringBuilder(256);
        Write(builder, node);
        return builder.ToString();
    }

    public static string ToText(JsonElement element)
    {
        var builder = new StringBuilder(256);
        Write(builder, element);
        return builder.ToString();
    }

    /// <summary>Parses JSON text and returns its canonical form.</summary>
    public static string Canonicalize(string json)
    {
        using var document = JsonDocument.Parse(json);
        return ToText(document.RootElement);
    }

    private static void Write(StringBuilder builder, JsonNode? node)
    {
        switch (node)
        {
            case null:
                builder.Append("null");
                break;
            case JsonObject obj:
                builder.Append('{');
                var first = true;
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (!first)
                    {
                        builder.Append(',');
                    }

                    first = false;
                    WriteString(builder, key);
                    builder.Append(':');
                    Write(builder, value);
                }

                builder.Append('}');
                break;
            case JsonArray array:
                builder.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(',');
                    }

                    Write(builder, array[i]);
                }

                builder.Append(']');
                break;
            case JsonValue value:
                WriteValue(builder, value);
                break;
        }
    }

    private static void WriteValue(StringBuilder builder, JsonValue value)
    {
        if (value.TryGetValue<JsonElement>(out var element))
        {
            Write(builder, element);
        }
        else if (value.TryGetValue<string>(out var text))
        {
            WriteString(builder, text);
        }
        else if (value.TryGetValue<bool>(out var flag))
        {
            builder.Append(flag ? "true" : "false");
        }
        else if (value.TryGetValue<long>(out var whole))
        {
            builder.Append(FormatNumber(whole));
        }
        else if (value.TryGetValue<int>(out var small))
        {
            builder.Append(FormatNumber(small));
        }
        else if (value.TryGetValue<double>(out var real))
        {
            builder.Append(FormatNumber(real));
        }
        else
        {
            // Anything else (dates, decimals, enums…) is canonicalized from the JSON text it serializes to.
            using var document = JsonDocument.Parse(value.ToJsonString());
            Write(builder, document.RootElement);
        }
    }

    private static void Write(StringBuilder builder, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                builder.Append('{');
                var first = true;
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    if (!first)
                    {
                        builder.Append(',');
                    }

                    first = false;
                    WriteString(builder, property.Name);
                    builder.Append(':');
                    Write(builder, property.Value);
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
                    Write(builder, item);
                }

                builder.Append(']');
                break;
            case JsonValueKind.String:
                WriteString(builder, element.GetString()!);
                break;
            case JsonValueKind.Number:
                builder.Append(FormatNumber(element.GetDouble()));
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

    /// <summary>Appends a string in its RFC 8785 form, for callers that assemble canonical text themselves.</summary>
    public static void AppendString(StringBuilder builder, string value) => WriteString(builder, value);

    private static void WriteString(StringBuilder builder, string value)
    {
        builder.Append('"');
        foreach (var c in value)
        {
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

    /// <summary>ECMAScript Number.prototype.toString, as RFC 8785 section 3.2.2.3 requires.</summary>
    public static string FormatNumber(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), "NaN and Infinity have no JSON form.");
        }

        if (value == 0)
        {
            return "0";
        }

        var negative = value < 0;
        var (digits, exponent) = Decompose(Math.Abs(value).ToString("R", CultureInfo.InvariantCulture));

        // value = 0.d1d2...dk x 10^n in the notation of ECMA-262 Number::toString.
        var k = digits.Length;
        var n = exponent;
        var result = new StringBuilder(32);
        if (negative)
        {
            result.Append('-');
        }

        if (k <= n && n <= 21)
        {
            result.Append(digits).Append('0', n - k);
        }
        else if (0 < n && n <= 21)
        {
            result.Append(digits, 0, n).Append('.').Append(digits, n, k - n);
        }
        else if (-6 < n && n <= 0)
        {
            result.Append("0.").Append('0', -n).Append(digits);
        }
        else
        {
            var e = n - 1;
            result.Append(digits[0]);
            if (k > 1)
            {
                result.Append('.').Append(digits, 1, k - 1);
            }

            result.Append('e').Append(e < 0 ? '-' : '+').Append(Math.Abs(e).ToString(CultureInfo.InvariantCulture));
        }

        return result.ToString();
    }

    /// <summary>Splits .NET's shortest round-trip text into significant digits and the exponent n.</summary>
    private static (string Digits, int N) Decompose(string text)
    {
        var exponent = 0;
        var ePos = text.IndexOfAny(['E', 'e']);
        var mantissa = text;
        if (ePos >= 0)
        {
            exponent = int.Parse(text.AsSpan(ePos + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            mantissa = text[..ePos];
        }

        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var integerPart = dot >= 0 ? mantissa[..dot] : mantissa;
        var fractionPart = dot >= 0 ? mantissa[(dot + 1)..] : string.Empty;
        var allDigits = integerPart + fractionPart;
        var pointPosition = integerPart.Length + exponent;

        var leading = 0;
        while (leading < allDigits.Length && allDigits[leading] == '0')
        {
            leading++;
        }

        allDigits = allDigits[leading..];
        pointPosition -= leading;
        allDigits = allDigits.TrimEnd('0');
        return (allDigits, pointPosition);
    }
}
