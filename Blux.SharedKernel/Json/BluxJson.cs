using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Blux.SharedKernel.Json;

/// <summary>The one JSON convention of Blux: snake_case names (docs/contract.md#conventions).</summary>
public static class BluxJson
{
    /// <summary>How deep the JSON Blux writes and stores may nest (System.Text.Json's own default, stated once).</summary>
    public const int MaxDepth = 64;

    /// <summary>
    /// How deep a request body may nest. Blux keeps a request's values inside records of its own
    /// (audit <c>data</c>, task views, list pages, exports), each a few levels deep, so a body may use
    /// half of <see cref="MaxDepth"/> and the other half is room for those, and a value accepted at the
    /// door can always be stored and read back.
    /// </summary>
    public const int MaxRequestDepth = MaxDepth / 2;

    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions());

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = null;
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip;
        options.AllowTrailingCommas = false;
        options.ReadCommentHandling = JsonCommentHandling.Disallow;
        options.MaxDepth = MaxDepth;
        options.Converters.Add(new UtcTimestampConverter());
        return options;
    }

    public static JsonNode? ToNode<T>(T value) => JsonSerializer.SerializeToNode(value, Options);

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T? Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options);
}
