using System.Text.Json;
using System.Text.Json.Serialization;

namespace Blux.SharedKernel.Json;

/// <summary>Writes every timestamp as RFC 3339 UTC with milliseconds, the form that is hashed.</summary>
public sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String || !BluxTime.TryParse(reader.GetString(), out var value))
        {
            throw new JsonException("Expected an RFC 3339 timestamp.");
        }

        return value;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(BluxTime.ToText(value));
}
