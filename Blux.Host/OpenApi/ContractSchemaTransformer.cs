using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Blux.SharedKernel.Api;
using Blux.SharedKernel.Vocabulary;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Blux.Host.OpenApi;

/// <summary>
/// Schemas as Blux's JSON really is: timestamps are strings in the date-time format (Blux writes them
/// with its own converter, which the generator cannot see through), closed sets of values are enums
/// (<see cref="AllowedValuesAttribute"/>, or a C# enum written by <see cref="WireNameJsonConverter{TEnum}"/>),
/// raw JSON members take the shape they always have (<see cref="SchemaAsAttribute"/>), and request
/// bodies require exactly what Blux requires (<see cref="RequestSchemaAttribute"/>).
/// </summary>
internal sealed class ContractSchemaTransformer : IOpenApiSchemaTransformer
{
    public async Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        var underlying = Nullable.GetUnderlyingType(type);
        if ((underlying ?? type) == typeof(DateTimeOffset))
        {
            schema.Type = underlying is null ? JsonSchemaType.String : JsonSchemaType.String | JsonSchemaType.Null;
            schema.Format = "date-time";
        }

        type = underlying ?? type;

        // A closed vocabulary is a string, one of its members' wire names (Blux writes it with
        // WireNameJsonConverter, which the generator cannot see through); it is inlined where it is used
        // (OpenApiSetup), as the AllowedValues lists are.
        if (WireNames(type) is { } names)
        {
            schema.Type = underlying is null ? JsonSchemaType.String : JsonSchemaType.String | JsonSchemaType.Null;
            schema.Enum = names.Select(n => (JsonNode)JsonValue.Create(n)).ToList();
        }

        // A free-form object (payload, result, audit data, error details) takes any members; without
        // saying so, client generators type it as an object that can hold none.
        if (schema.Type == JsonSchemaType.Object && schema.Properties is null or { Count: 0 } && schema.AdditionalProperties is null)
        {
            schema.AdditionalProperties = new OpenApiSchema();
        }

        if (type.GetCustomAttribute<RequestSchemaAttribute>() is not null)
        {
            schema.Required = new HashSet<string>(context.JsonTypeInfo.Properties
                .Where(p => p.AttributeProvider?.IsDefined(typeof(RequiredAttribute), false) == true)
                .Select(p => p.Name));
        }

        if (context.JsonPropertyInfo is not { } property)
        {
            return;
        }

        var attributes = property.AttributeProvider;
        if (attributes?.GetCustomAttributes(typeof(SchemaAsAttribute), false).FirstOrDefault() is SchemaAsAttribute schemaAs)
        {
            // Null, where the member allows it, is added around this by the generator.
            Replace(schema, await context.GetOrCreateSchemaAsync(schemaAs.Type, null, cancellationToken));
        }

        if (attributes?.GetCustomAttributes(typeof(DataTypeAttribute), false).FirstOrDefault() is DataTypeAttribute { DataType: DataType.DateTime })
        {
            schema.Format = "date-time";
        }

        if (attributes?.GetCustomAttributes(typeof(AllowedValuesAttribute), false).FirstOrDefault() is AllowedValuesAttribute allowed)
        {
            var target = schema.Type?.HasFlag(JsonSchemaType.Array) == true && schema.Items is OpenApiSchema items ? items : schema;
            target.Enum = allowed.Values.Select(v => (JsonNode)JsonValue.Create(v?.ToString())!).ToList();
        }

    }

    /// <summary>The wire names of an enum Blux writes with <see cref="WireNameJsonConverter{TEnum}"/>; null for any other type.</summary>
    public static IReadOnlyList<string>? WireNames(Type type) =>
        type.IsEnum && type.GetCustomAttribute<JsonConverterAttribute>()?.ConverterType == typeof(WireNameJsonConverter<>).MakeGenericType(type)
            ? (IReadOnlyList<string>)typeof(WireName<>).MakeGenericType(type).GetProperty(nameof(WireName<DayOfWeek>.All))!.GetValue(null)!
            : null;

    private static void Replace(OpenApiSchema schema, IOpenApiSchema shape)
    {
        schema.Type = null;
        schema.Format = null;
        schema.Items = null;
        schema.Properties = null;
        schema.AdditionalProperties = null;
        schema.Metadata?.Remove("x-schema-id");
        schema.AllOf = [shape];
    }
}
