using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Blux.Testing;

/// <summary>JSON bodies in and out of the API.</summary>
public static class Json
{
    public static async Task<JsonObject> BodyAsync(this HttpResponseMessage response) =>
        (JsonObject)(await response.Content.ReadFromJsonAsync<JsonNode>())!;

    public static StringContent Content(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
