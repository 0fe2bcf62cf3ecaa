using System.Text.Json;
using Blux.SharedKernel.Errors;

namespace Blux.SharedKernel.Json;

/// <summary>Turns JSON reader failures into the envelope's terms, naming the field and never a .NET type.</summary>
public static class JsonErrors
{
    public static BluxException Malformed() =>
        BluxException.Validation("body", "malformed_json", "The request body is not valid JSON.");

    public static BluxException WrongType(JsonException exception)
    {
        var field = string.IsNullOrEmpty(exception.Path) || exception.Path == "$" ? "body" : exception.Path.TrimStart('$', '.');
        return BluxException.Validation(field, "wrong_type", $"The value of '{field}' has the wrong type.");
    }
}
