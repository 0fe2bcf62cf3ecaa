using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Blux.Modules.Guard.Audit;

/// <summary>Replaces the values of sensitive keys, at any depth, before anything is stored or logged.</summary>
internal sealed class Redactor(IOptions<GuardOptions> options)
{
    public const string Mask = "[REDACTED]";
    private readonly HashSet<string> _keys = new(options.Value.RedactedKeys, StringComparer.OrdinalIgnoreCase);

    public JsonNode? Redact(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    copy[key] = _keys.Contains(key) ? JsonValue.Create(Mask) : Redact(value);
                }

                return copy;
            case JsonArray array:
                return new JsonArray(array.Select(Redact).ToArray());
            default:
                return node?.DeepClone();
        }
    }
}
