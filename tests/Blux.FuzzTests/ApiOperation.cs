using System.Text.Json.Nodes;

namespace Blux.FuzzTests;

/// <summary>One operation of the host's OpenAPI document: what the fuzzer aims its requests at.</summary>
internal sealed record ApiOperation(
    string Method,
    string PathTemplate,
    IReadOnlyList<string> PathParameters,
    IReadOnlyList<string> QueryParameters,
    IReadOnlyList<string> ContentTypes,
    JsonNode? BodySchema)
{
    public override string ToString() => $"{Method} {PathTemplate}";

    /// <summary>Every operation of the document, in document order, with body schemas resolved against its components.</summary>
    public static IReadOnlyList<ApiOperation> AllOf(JsonObject document)
    {
        var operations = new List<ApiOperation>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                if (method is "parameters" or "summary" or "description" or "servers")
                {
                    continue;
                }

                var parameters = operation!["parameters"]?.AsArray().Select(p => p!).ToList() ?? [];
                var content = operation["requestBody"]?["content"]?.AsObject();
                operations.Add(new ApiOperation(
                    method.ToUpperInvariant(),
                    path,
                    parameters.Where(p => p["in"]!.GetValue<string>() == "path").Select(p => p["name"]!.GetValue<string>()).ToArray(),
                    parameters.Where(p => p["in"]!.GetValue<string>() == "query").Select(p => p["name"]!.GetValue<string>()).ToArray(),
                    content?.Select(c => c.Key).ToArray() ?? [],
                    content?.FirstOrDefault(c => c.Key.Contains("json", StringComparison.Ordinal)).Value?["schema"]));
            }
        }

        return operations;
    }
}
