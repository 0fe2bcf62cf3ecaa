using System.Text.Json.Nodes;

namespace Blux.Cli.Output;

/// <summary>
/// The changes between two JSON documents, one line per changed path: <c>+ path: value</c>,
/// <c>- path: value</c>, <c>~ path: old -> new</c>. Arrays of objects with an <c>id</c> (doctrine
/// rules) are matched by id, other arrays by position.
/// </summary>
internal static class JsonDiff
{
    public static IReadOnlyList<string> Lines(JsonNode? before, JsonNode? after)
    {
        var lines = new List<string>();
        Walk(string.Empty, before, after, lines);
        return lines;
    }

    private static void Walk(string path, JsonNode? before, JsonNode? after, List<string> lines)
    {
        switch (before, after)
        {
            case (JsonObject left, JsonObject right):
                foreach (var name in left.Select(p => p.Key).Union(right.Select(p => p.Key)).Order(StringComparer.Ordinal))
                {
                    var child = path.Length == 0 ? name : $"{path}.{name}";
                    var inLeft = left.ContainsKey(name);
                    var inRight = right.ContainsKey(name);
                    if (inLeft && !inRight)
                    {
                        lines.Add($"- {child}: {Show(left[name])}");
                    }
                    else if (!inLeft && inRight)
                    {
                        lines.Add($"+ {child}: {Show(right[name])}");
                    }
                    else
                    {
                        Walk(child, left[name], right[name], lines);
                    }
                }

                break;
            case (JsonArray left, JsonArray right) when ById(left) && ById(right):
                var leftById = left.ToDictionary(i => Id(i)!, StringComparer.Ordinal);
                var rightById = right.ToDictionary(i => Id(i)!, StringComparer.Ordinal);
                foreach (var id in leftById.Keys.Union(rightById.Keys))
                {
                    var child = $"{path}[{id}]";
                    if (!rightById.ContainsKey(id))
                    {
                        lines.Add($"- {child}: {Show(leftById[id])}");
                    }
                    else if (!leftById.ContainsKey(id))
                    {
                        lines.Add($"+ {child}: {Show(rightById[id])}");
                    }
                    else
                    {
                        Walk(child, leftById[id], rightById[id], lines);
                    }
                }

                break;
            case (JsonArray left, JsonArray right):
                for (var i = 0; i < Math.Max(left.Count, right.Count); i++)
                {
                    var child = $"{path}[{i}]";
                    if (i >= right.Count)
                    {
                        lines.Add($"- {child}: {Show(left[i])}");
                    }
                    else if (i >= left.Count)
                    {
                        lines.Add($"+ {child}: {Show(right[i])}");
                    }
                    else
                    {
                        Walk(child, left[i], right[i], lines);
                    }
                }

                break;
            default:
                if (!JsonNode.DeepEquals(before, after))
                {
                    lines.Add($"~ {path}: {Show(before)} -> {Show(after)}");
                }

                break;
        }
    }

    private static bool ById(JsonArray array) =>
        array.Count > 0 && array.All(i => Id(i) is not null) && array.Select(Id).Distinct(StringComparer.Ordinal).Count() == array.Count;

    private static string? Id(JsonNode? item) => item is JsonObject obj && obj["id"] is JsonValue id && id.TryGetValue<string>(out var text) ? text : null;

    private static string Show(JsonNode? node) => node?.ToJsonString() ?? "null";
}
