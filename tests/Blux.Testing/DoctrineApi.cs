using System.Text.Json.Nodes;

namespace Blux.Testing;

/// <summary>Changes to the doctrine (<c>GET</c>/<c>PUT /v1/policies</c>), as an administrator makes them.</summary>
public static class DoctrineApi
{
    /// <summary>Replaces the doctrine's constraints (null leaves one as it is).</summary>
    public static async Task SetConstraintsAsync(this HttpClient client, string? maxExecutionTime = null, int? maxMemoryMb = null, string[]? allowedDataSources = null)
    {
        await client.ChangeDoctrineAsync(doctrine =>
        {
            var constraints = doctrine["constraints"]!.AsObject();
            if (maxExecutionTime is not null)
            {
                constraints["max_execution_time"] = maxExecutionTime;
            }

            if (maxMemoryMb is not null)
            {
                constraints["max_memory_mb"] = maxMemoryMb;
            }

            if (allowedDataSources is not null)
            {
                constraints["allowed_data_sources"] = new JsonArray(allowedDataSources.Select(s => (JsonNode)s!).ToArray());
            }
        });
    }

    public static async Task ChangeDoctrineAsync(this HttpClient client, Action<JsonObject> change)
    {
        var current = await (await client.GetAsync("/v1/policies")).BodyAsync();
        var next = (JsonObject)current.DeepClone();
        next.Remove("digest");
        next["doctrine_version"] = current["doctrine_version"]!.GetValue<long>() + 1;
        change(next);
        var response = await client.PutAsync("/v1/policies", Json.Content(next.ToJsonString()));
        response.IsSuccessStatusCode.Should().BeTrue(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Adds a doctrine rule that holds every <paramref name="type"/> task in <paramref name="environment"/> for approval.</summary>
    public static async Task HoldForApprovalAsync(this HttpClient client, string type, string environment) =>
        await client.ChangeDoctrineAsync(doctrine => doctrine["rules"]!.AsArray().Add(new JsonObject
        {
            ["id"] = $"hold-{type}-in-{environment}",
            ["description"] = $"{type} tasks in {environment} wait for a person.",
            ["match"] = new JsonObject { ["task_types"] = new JsonArray(type), ["environments"] = new JsonArray(environment) },
            ["effect"] = "require_approval",
        }));
}
