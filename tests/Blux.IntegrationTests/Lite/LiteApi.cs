using System.Net;
using System.Text.Json.Nodes;
using Blux.IntegrationTests.Infrastructure;

namespace Blux.IntegrationTests.Lite;

/// <summary>Task requests and waits for the Lite tests, as a client would make them.</summary>
internal static class LiteApi
{
    public static readonly string[] Terminal = ["completed", "failed", "cancelled", "timed_out", "rejected"];

    /// <summary>A request the default doctrine lets through without signature, reflection or sandbox.</summary>
    public static JsonObject Request(string type, JsonObject? payload = null, string environment = "development", string sensitivity = "low", string auditLevel = "basic", string? taskId = null) => new()
    {
        ["task_id"] = taskId ?? "task_" + Guid.NewGuid().ToString("N"),
        ["type"] = type,
        ["context"] = new JsonObject { ["user_id"] = "user_alice", ["environment"] = environment, ["sensitivity"] = sensitivity },
        ["doctrine_requirements"] = new JsonObject { ["require_reflection"] = false, ["sandbox_execution"] = false, ["audit_level"] = auditLevel },
        ["payload"] = payload ?? new JsonObject { ["n"] = 1 },
    };

    /// <summary>A script that keeps a worker busy for about <paramref name="milliseconds"/>.</summary>
    public static JsonObject BusyScript(int milliseconds) =>
        Request("script", new JsonObject
        {
            ["language"] = "javascript",
            // Busy, and reading the clock only every thousand turns: the script memory limit counts allocations.
            ["source"] = $"var end = Date.now() + {milliseconds}; while (Date.now() < end) {{ for (var i = 0; i < 1000; i++) {{ }} }} 'done after {milliseconds} ms'",
        });

    public static string Id(this JsonObject request) => request["task_id"]!.GetValue<string>();

    public static async Task<JsonObject> SubmitAsync(this HttpClient client, JsonObject request, HttpStatusCode expected = HttpStatusCode.Accepted)
    {
        var response = await client.PostAsync("/v1/tasks", Json.Content(request.ToJsonString()));
        var body = await response.BodyAsync();
        response.StatusCode.Should().Be(expected, body.ToJsonString());
        return body;
    }

    public static async Task<JsonObject> GetTaskAsync(this HttpClient client, string taskId, int waitSeconds = 0)
    {
        var response = await client.GetAsync($"/v1/tasks/{taskId}" + (waitSeconds > 0 ? $"?wait={waitSeconds}" : string.Empty));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.BodyAsync();
    }

    /// <summary>The task once it has finished (the server holds the answer until then, up to 30 s).</summary>
    public static async Task<JsonObject> FinishedAsync(this HttpClient client, string taskId)
    {
        var task = await client.GetTaskAsync(taskId, waitSeconds: 30);
        task["status"]!.GetValue<string>().Should().BeOneOf(Terminal, task.ToJsonString());
        return task;
    }

    /// <summary>Polls until the task exists and is in <paramref name="status"/>; fails after 30 s.</summary>
    public static async Task<JsonObject> ReachesAsync(this HttpClient client, string taskId, string status) =>
        (await Eventually.Async(
            async () =>
            {
                var response = await client.GetAsync($"/v1/tasks/{taskId}");
                if (response.StatusCode == HttpStatusCode.NotFound)
                {
                    return null;
                }

                response.StatusCode.Should().Be(HttpStatusCode.OK);
                return await response.BodyAsync();
            },
            task => task?["status"]!.GetValue<string>() == status,
            $"task {taskId} reaches {status}"))!;

    public static async Task<HttpResponseMessage> ActAsync(this HttpClient client, string taskId, string action, string? reason = null) =>
        await client.PostAsync($"/v1/tasks/{taskId}/{action}", reason is null ? null : Json.Content(new JsonObject { ["reason"] = reason }.ToJsonString()));

    public static async Task<string[]> EventTypesAsync(this HttpClient client, string taskId) =>
        (await (await client.GetAsync($"/v1/tasks/{taskId}/events")).BodyAsync())["events"]!.AsArray()
            .Select(e => e!["event"]!["event_type"]!.GetValue<string>()).ToArray();

    /// <summary>Lite's details in <c>/status/detailed</c> once <paramref name="condition"/> holds; fails after 30 s.</summary>
    public static Task<JsonObject> LiteStatusAsync(this HttpClient client, Func<JsonObject, bool> condition) =>
        Eventually.Async(
            async () => (await (await client.GetAsync("/status/detailed")).BodyAsync())["modules"]!["blux-lite"]!["details"]!.AsObject(),
            condition,
            "Lite's status reaches the expected state");

    public static string[] Operations(this JsonObject task) =>
        task["audit_trail"]!.AsArray().Select(r => r!["operation"]!.GetValue<string>()).ToArray();

    public static void ShouldBeError(this JsonObject body, string code, string issue)
    {
        var error = body["error"]!;
        error["code"]!.GetValue<string>().Should().Be(code, body.ToJsonString());
        error["details"]!["issue"]!.GetValue<string>().Should().Be(issue, body.ToJsonString());
    }

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

    public static async Task<HttpResponseMessage> PutDatasetAsync(this HttpClient client, string name, string csv, string contentType = "text/csv") =>
        await client.PutAsync($"/v1/datasets/{name}", new StringContent(csv, System.Text.Encoding.UTF8, contentType));

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
