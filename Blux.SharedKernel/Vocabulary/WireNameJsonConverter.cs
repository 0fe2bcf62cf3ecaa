using System.Text.Json;
using System.Text.Json.Serialization;

namespace Blux.SharedKernel.Vocabulary;

/// <summary>
/// Writes a vocabulary member as its <see cref="WireName{TEnum}"/> and reads only that exact name back.
/// Put on the enum itself (<c>[JsonConverter(typeof(WireNameJsonConverter&lt;T&gt;))]</c>), so every
/// request, answer, event and stored document spells the member the same way. A name Blux does not know
/// fails with a <see cref="JsonException"/> whose inner exception is the <see cref="FormatException"/> of
/// <see cref="WireName{TEnum}.Parse"/>, so a reader can tell an unknown value from a wrong type.
/// </summary>
public sealed class WireNameJsonConverter<TEnum> : JsonConverter<TEnum>
    where TEnum : struct, Enum
{
    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"A {typeof(TEnum).Name} is a string: {WireName<TEnum>.Listed}.");
        }

        var text = reader.GetString();
        try
        {
            return WireName<TEnum>.Parse(text!);
        }
        catch (FormatException exception)
        {
            throw new JsonException(exception.Message, exception);
        }
    }

    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
        writer.WriteStringValue(WireName<TEnum>.Of(value));
}
