using System.Text.Json;
using System.Text.Json.Nodes;
using Blux.SharedKernel.Errors;

namespace Blux.Modules.Guard.Doctrine;

/// <summary>Reads a doctrine a client sent; every refusal names the field.</summary>
internal static class DoctrineReader
{
    public static LoadedDoctrine Read(JsonObject json)
    {
        LoadedDoctrine doctrine;
        try
        {
            doctrine = ActiveDoctrine.Parse(json.ToJsonString());
            DoctrineRules.CheckReplacement(doctrine.Document);
        }
        catch (JsonException exception)
        {
            var field = string.IsNullOrEmpty(exception.Path) || exception.Path == "$" ? "body" : exception.Path.TrimStart('$', '.');
            if (exception.InnerException is FormatException unknownValue)
            {
                // A closed vocabulary's member (an audit level) that is not one of its names.
                throw BluxException.Validation(field, "unknown_value", $"The doctrine's '{field}' is not a value Blux knows: {unknownValue.Message}");
            }

            var unknown = exception.Message.Contains("could not be mapped", StringComparison.Ordinal);
            throw BluxException.Validation(field, unknown ? "unknown_field" : "wrong_type",
                unknown ? $"The doctrine has a field Blux does not know: '{field}'." : $"The doctrine's '{field}' has the wrong type.");
        }
        catch (DoctrineFormatException exception)
        {
            throw BluxException.Validation(exception.Field, exception.Issue, exception.Message);
        }

        return doctrine;
    }

    /// <summary>The doctrine as GET /v1/policies shows it: the document plus its digest.</summary>
    public static JsonObject ToResponse(LoadedDoctrine doctrine)
    {
        var json = JsonNode.Parse(doctrine.Json)!.AsObject();
        json["digest"] = doctrine.Digest;
        return json;
    }
}
