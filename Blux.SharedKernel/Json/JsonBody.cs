using System.Text.Json;
using System.Text.Json.Nodes;
using Blux.SharedKernel.Errors;

namespace Blux.SharedKernel.Json;

/// <summary>
/// Reads a request body in two steps, so a client hears "not JSON" apart from "this field has the
/// wrong type", and keeps the raw object for hashing and signatures.
/// </summary>
public static class JsonBody
{
    public static async Task<(JsonObject Raw, T Body)> ReadAsync<T>(Stream body, CancellationToken cancellationToken)
    {
        JsonNode? node;
        try
        {
            node = await JsonNode.ParseAsync(body, cancellationToken: cancellationToken);
        }
        catch (JsonException)
        {
            throw JsonErrors.Malformed();
        }

        if (node is not JsonObject raw)
        {
            throw BluxException.Validation("body", "not_an_object", "The request body must be a JSON object.");
        }

        try
        {
            return (raw, raw.Deserialize<T>(BluxJson.Options)!);
        }
        catch (JsonException exception)
        {
            throw JsonErrors.WrongType(exception);
        }
    }
}
