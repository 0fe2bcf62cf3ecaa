using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Blux.IntegrationTests.Infrastructure;

internal static class Json
{
    public static async Task<JsonObject> BodyAsync(this HttpResponseMessage response) =>
        (JsonObject)(await response.Content.ReadFromJsonAsync<JsonNode>())!;

    public static StringContent Content(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    /// <summary>
    /// A task request that needs no signature (development, medium sensitivity) but still asks for
    /// reflection, a sandbox and a detailed audit, so it runs the whole flow.
    /// </summary>
    public static JsonObject TaskRequest(string type, string? taskId = null)
    {
        var request = SeedTaskRequest(type, taskId);
        request["context"] = new JsonObject { ["user_id"] = "user_alice", ["environment"] = "development", ["sensitivity"] = "medium" };
        return request;
    }

    /// <summary>The example task request of docs/contract.md#task-request, with the given type. Sensitivity high: it must be signed.</summary>
    public static JsonObject SeedTaskRequest(string type, string? taskId = null) => new()
    {
        ["task_id"] = taskId ?? "task_" + Guid.NewGuid().ToString("N"),
        ["type"] = type,
        ["context"] = new JsonObject { ["user_id"] = "user_alice", ["environment"] = "production", ["sensitivity"] = "high" },
        ["doctrine_requirements"] = new JsonObject { ["require_reflection"] = true, ["sandbox_execution"] = true, ["audit_level"] = "detailed" },
        ["payload"] = new JsonObject { ["operation"] = "analyze", ["data_references"] = new JsonArray("ref://data/set1") },
    };
}
