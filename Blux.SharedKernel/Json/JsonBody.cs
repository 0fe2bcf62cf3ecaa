using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Blux.SharedKernel.Errors;

namespace Blux.SharedKernel.Json;

/// <summary>
/// Reads a request body in two steps, so a client hears "not JSON" apart from "this field has the
/// wrong type", and keeps the raw object for hashing and signatures. Every endpoint that takes JSON
/// reads it here, through <see cref="StrictJson"/>.
/// </summary>
public static class JsonBody
{
    public static async Task<(JsonObject Raw, T Body)> ReadAsync<T>(Stream body, CancellationToken cancellationToken)
    {
        var node = await ParseAsync(body, cancellationToken);
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

    /// <summary>The whole body, already bounded by the host's body limit, checked and parsed in one pass.</summary>
    private static async Task<JsonNode?> ParseAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(4096);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }

            return StrictJson.Parse(buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
