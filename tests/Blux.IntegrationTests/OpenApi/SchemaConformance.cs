using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Blux.IntegrationTests.OpenApi;

/// <summary>
/// Checks a JSON answer against a schema of the OpenAPI document, in the subset Blux's document uses:
/// <c>$ref</c>, <c>allOf</c>, <c>oneOf</c>, <c>type</c> (one or a list), <c>enum</c>, <c>required</c>,
/// <c>properties</c>, <c>items</c>, <c>additionalProperties</c> and the date-time format. Answers every
/// mismatch with the path where it is.
/// </summary>
internal sealed class SchemaConformance(JsonObject document)
{
    private readonly JsonObject _schemas = document["components"]!["schemas"]!.AsObject();

    public IReadOnlyList<string> Check(JsonNode? value, JsonNode schema)
    {
        var problems = new List<string>();
        Check(value, schema, "$", problems);
        return problems;
    }

    private void Check(JsonNode? value, JsonNode schema, string path, List<string> problems)
    {
        if (schema["$ref"] is JsonValue reference)
        {
            Check(value, _schemas[reference.GetValue<string>().Split('/')[^1]]!, path, problems);
            return;
        }

        foreach (var part in schema["allOf"]?.AsArray() ?? [])
        {
            Check(value, part!, path, problems);
        }

        if (schema["oneOf"] is JsonArray alternatives)
        {
            var fits = alternatives.Count(a => { var inner = new List<string>(); Check(value, a!, path, inner); return inner.Count == 0; });
            if (fits != 1)
            {
                problems.Add($"{path}: {Cut(value)} fits {fits} of the oneOf alternatives, not one");
            }

            return;
        }

        var kind = KindOf(value);
        if (schema["type"] is { } type)
        {
            var allowed = type is JsonArray list ? list.Select(t => t!.GetValue<string>()).ToArray() : [type.GetValue<string>()];
            if (!allowed.Contains(kind) && !(kind == "integer" && allowed.Contains("number")))
            {
                problems.Add($"{path}: {kind} {Cut(value)}, the schema says {string.Join(" or ", allowed)}");
                return;
            }
        }

        if (schema["enum"] is JsonArray values && value is not null && !values.Any(v => JsonNode.DeepEquals(v, value)))
        {
            problems.Add($"{path}: {Cut(value)} is not one of {values.ToJsonString()}");
        }

        if (schema["format"]?.GetValue<string>() == "date-time" && value is JsonValue text && text.TryGetValue<string>(out var time)
            && !DateTimeOffset.TryParse(time, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            problems.Add($"{path}: {time} is not a date-time");
        }

        if (value is JsonObject obj)
        {
            foreach (var name in schema["required"]?.AsArray().Select(r => r!.GetValue<string>()) ?? [])
            {
                if (!obj.ContainsKey(name))
                {
                    problems.Add($"{path}: required member {name} is missing");
                }
            }

            var properties = schema["properties"]?.AsObject();
            foreach (var (name, member) in obj)
            {
                if (properties?[name] is { } memberSchema)
                {
                    Check(member, memberSchema, $"{path}.{name}", problems);
                }
                else if (schema["additionalProperties"] is JsonObject additional)
                {
                    Check(member, additional, $"{path}.{name}", problems);
                }
            }
        }

        if (value is JsonArray array && schema["items"] is { } items)
        {
            for (var i = 0; i < array.Count; i++)
            {
                Check(array[i], items, $"{path}[{i}]", problems);
            }
        }
    }

    private static string KindOf(JsonNode? value) => value?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "null",
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Number => value.AsValue().TryGetValue<long>(out _) || decimal.Truncate(value.GetValue<decimal>()) == value.GetValue<decimal>() ? "integer" : "number",
        _ => "unknown",
    };

    private static string Cut(JsonNode? value) => value?.ToJsonString() is { Length: > 80 } text ? text[..80] + "…" : value?.ToJsonString() ?? "null";
}
