using System.Net;
using System.Text.Json.Nodes;
using Blux.IntegrationTests.Infrastructure;

namespace Blux.IntegrationTests.Lite;

/// <summary>Task requests and waits for the Lite tests, as a client would make them.</summary>
internal static class LiteApi
{
    public static readonly string[] Terminal = ["completed", "failed", "cancelled", "timed_out", "rejected"];

    /// <summary>A script that keeps a worker busy for about <paramref name="milliseconds"/>.</summary>
    public static JsonObject BusyScript(int milliseconds) =>
        TaskRequest.Create("script", new JsonObject
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

    public static async Task<HttpResponseMessage> PutDatasetAsync(this HttpClient client, string name, string csv, string contentType = "text/csv") =>
        await client.PutAsync($"/v1/datasets/{name}", new StringContent(csv, System.Text.Encoding.UTF8, contentType));
}
