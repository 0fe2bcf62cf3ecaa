using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Blux.SharedKernel.Errors;

namespace Blux.SharedKernel.Json;

/// <summary>
/// The one door for JSON that comes from outside. System.Text.Json parses a body that it cannot use
/// later: a lone surrogate or invalid UTF-8 fails only when the string is read, a duplicate member
/// only when the object is first touched, <c>1e400</c> only when the number is read as a double (it is
/// infinity), and a value nested deeper than the stores write fails only when it is stored. One walk
/// over the bytes refuses all of these up front and names the member, so whatever is accepted can be
/// read, hashed, signed and stored.
/// </summary>
public static class StrictJson
{
    private const int MaxSegmentLength = 64;

    /// <summary>
    /// Parses a request body that passes <see cref="Check"/>; throws a 400 naming the member otherwise.
    /// A UTF-8 byte order mark before the body is skipped, as a stream reader would.
    /// </summary>
    public static JsonNode? Parse(ReadOnlySpan<byte> utf8, int maxDepth = BluxJson.MaxRequestDepth)
    {
        utf8 = WithoutByteOrderMark(utf8);
        if (Check(utf8, maxDepth) is { } error)
        {
            throw error.ToException();
        }

        return JsonNode.Parse(utf8, documentOptions: new JsonDocumentOptions { MaxDepth = maxDepth });
    }

    /// <summary>
    /// Walks the bytes once: well-formed JSON of one value, at most <paramref name="maxDepth"/> nested
    /// objects and arrays, every string and member name valid UTF-8 that unescapes to valid UTF-16, no
    /// member twice in an object, every number a finite double. Null when all hold.
    /// </summary>
    public static JsonInputError? Check(ReadOnlySpan<byte> utf8, int maxDepth = BluxJson.MaxRequestDepth)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions
        {
            // One more than allowed, so the walk below meets the excess first and can name where it is.
            MaxDepth = maxDepth + 1,
            AllowTrailingCommas = false,
            CommentHandling = JsonCommentHandling.Disallow,
        });
        var path = new List<Level>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        Enter(path);
                        if (path.Count >= maxDepth)
                        {
                            return new JsonInputError(PathOf(path), "too_deep",
                                $"JSON may nest at most {maxDepth} objects and arrays.", maxDepth);
                        }

                        path.Add(new Level(reader.TokenType == JsonTokenType.StartArray));
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        path.RemoveAt(path.Count - 1);
                        break;
                    case JsonTokenType.PropertyName:
                        var level = path[^1];
                        if (ReadText(ref reader) is not { } name)
                        {
                            level.Key = null;
                            return InvalidUnicode(PathOf(path), $"A member name in '{PathOf(path)}'");
                        }

                        level.Key = name;
                        if (!(level.Names ??= new HashSet<string>(StringComparer.Ordinal)).Add(name))
                        {
                            return new JsonInputError(PathOf(path), "duplicate_key", $"The member '{Segment(name)}' appears more than once in the same object.");
                        }

                        break;
                    case JsonTokenType.String:
                        Enter(path);
                        if (ReadText(ref reader) is null)
                        {
                            return InvalidUnicode(PathOf(path), $"The value of '{PathOf(path)}'");
                        }

                        break;
                    case JsonTokenType.Number:
                        Enter(path);
                        if (!reader.TryGetDouble(out var number) || !double.IsFinite(number))
                        {
                            return new JsonInputError(PathOf(path), "number_out_of_range", "Numbers must be within the range of a 64-bit floating point number.");
                        }

                        break;
                    default:
                        Enter(path);
                        break;
                }
            }
        }
        catch (JsonException)
        {
            return new JsonInputError("body", "malformed_json", "The request body is not valid JSON.");
        }

        return null;
    }

    /// <summary>The text of a string token, or null when its bytes are not UTF-8 or its escapes are not UTF-16.</summary>
    private static string? ReadText(ref Utf8JsonReader reader)
    {
        if (!Utf8.IsValid(reader.ValueSpan))
        {
            return null;
        }

        string text;
        try
        {
            text = reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            return null;
        }

        return reader.ValueIsEscaped && !IsWellFormed(text) ? null : text;
    }

    /// <summary>Whether every surrogate is half of a pair (an escaped <c>\udc00</c> alone unescapes without complaint).</summary>
    private static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static JsonInputError InvalidUnicode(string field, string what) =>
        new(field, "invalid_unicode", what + " is not valid Unicode text (invalid UTF-8 or a lone surrogate).");

    /// <summary>A value starts: in an array it takes the next index.</summary>
    private static void Enter(List<Level> path)
    {
        if (path.Count > 0 && path[^1].IsArray)
        {
            path[^1].Index++;
        }
    }

    private static string PathOf(List<Level> path)
    {
        var builder = new StringBuilder();
        foreach (var level in path)
        {
            if (level.IsArray)
            {
                builder.Append('[').Append(Math.Max(0, level.Index)).Append(']');
            }
            else if (level.Key is not null)
            {
                if (builder.Length > 0)
                {
                    builder.Append('.');
                }

                builder.Append(Segment(level.Key));
            }
        }

        return builder.Length == 0 ? "body" : builder.ToString();
    }

    private static string Segment(string key) => key.Length <= MaxSegmentLength ? key : key[..MaxSegmentLength] + "…";

    private static ReadOnlySpan<byte> WithoutByteOrderMark(ReadOnlySpan<byte> utf8) =>
        utf8.StartsWith("\uFEFF"u8) ? utf8[3..] : utf8;

    private sealed class Level(bool isArray)
    {
        public bool IsArray { get; } = isArray;

        public int Index { get; set; } = -1;

        public string? Key { get; set; }

        public HashSet<string>? Names { get; set; }
    }
}

/// <summary>Why JSON from outside was refused, and where: <c>field</c> is the member's path (<c>payload.items[2]</c>).</summary>
public sealed record JsonInputError(string Field, string Issue, string Message, int? Limit = null)
{
    public BluxException ToException() =>
        BluxException.Validation(Field, Issue, Message, Limit is { } limit ? new Dictionary<string, object?> { ["limit"] = limit } : null);
}
