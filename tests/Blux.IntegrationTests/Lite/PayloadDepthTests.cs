using System.Net;
using System.Text.Json.Nodes;
using Blux.IntegrationTests.Infrastructure;
using Blux.IntegrationTests.Reg;
using Blux.SharedKernel.Json;

namespace Blux.IntegrationTests.Lite;

/// <summary>
/// Whatever is accepted can be stored: a payload as deep as the door lets through runs to its end
/// and reads back through every surface that wraps it (task, audit record, audit page, export), and
/// one level deeper is refused at submit, not left running after a failed write.
/// </summary>
public sealed class PayloadDepthTests : IClassFixture<BluxFactory>
{
    /// <summary>The payload sits one level inside the request body.</summary>
    private const int DeepestPayload = BluxJson.MaxRequestDepth - 1;

    private readonly BluxFactory _factory;

    public PayloadDepthTests(BluxFactory factory) => _factory = factory;

    [Fact]
    public async Task A_payload_as_deep_as_the_door_allows_runs_and_reads_back_everywhere()
    {
        using var client = await _factory.AdminClientAsync();
        var payload = Nested(DeepestPayload);
        var request = TaskRequest.Create("echo", payload, auditLevel: "verbose", requireReflection: true);

        foreach (var dryRun in new[] { "/v1/validate", "/v1/reflect" })
        {
            var answer = await client.PostAsync(dryRun, Json.Content(request.ToJsonString()));
            answer.StatusCode.Should().Be(HttpStatusCode.OK, dryRun + ": " + await answer.Content.ReadAsStringAsync());
        }

        var submitted = await client.PostAsync("/v1/tasks?wait=30", Json.Content(request.ToJsonString()));
        var task = await submitted.BodyAsync();
        submitted.StatusCode.Should().Be(HttpStatusCode.OK, task.ToJsonString());
        task["status"]!.GetValue<string>().Should().Be("completed");
        JsonNode.DeepEquals(task["result"]!["echo"], payload).Should().BeTrue("the echo route returns the payload as it was sent");

        (await client.GetTaskAsync(request.Id()))["status"]!.GetValue<string>().Should().Be("completed");
        (await client.GetAsync("/v1/tasks")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync($"/v1/tasks/{request.Id()}/events")).StatusCode.Should().Be(HttpStatusCode.OK);
        foreach (var record in task["audit_trail"]!.AsArray())
        {
            (await client.GetAsync($"/v1/audit/{record!["audit_id"]}")).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var page = await client.GetAsync("/v1/audit?page_size=500");
        var pageText = await page.Content.ReadAsStringAsync();
        page.StatusCode.Should().Be(HttpStatusCode.OK, pageText);
        JsonNode.Parse(pageText)!["entries"]!.AsArray().Should().Contain(e => e!["data"]!["task_id"] != null && e["data"]!["task_id"]!.GetValue<string>() == request.Id());

        var export = await client.GetAsync("/v1/audit/export");
        export.StatusCode.Should().Be(HttpStatusCode.OK);
        foreach (var line in (await export.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            JsonNode.Parse(line).Should().NotBeNull("every line of the export is whole JSON");
        }

        (await (await client.GetAsync("/v1/audit/verify")).BodyAsync())["valid"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task One_level_deeper_is_refused_at_submit_naming_where()
    {
        using var client = await _factory.AdminClientAsync();
        var request = TaskRequest.Create("echo", Nested(DeepestPayload + 1), auditLevel: "verbose");

        var response = await client.PostAsync("/v1/tasks", Json.Content(request.ToJsonString()));

        var error = await response.ShouldFailAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED", null, "too_deep");
        error["details"]!["field"]!.GetValue<string>().Should().StartWith("payload.a.a");
        error["details"]!["limit"]!.GetValue<int>().Should().Be(BluxJson.MaxRequestDepth);
        (await client.GetAsync($"/v1/tasks/{request.Id()}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_deep_array_payload_is_refused_the_same_way()
    {
        using var client = await _factory.AdminClientAsync();
        var inner = (JsonNode)new JsonArray();
        for (var i = 1; i < DeepestPayload; i++)
        {
            inner = new JsonArray(inner);
        }

        var request = TaskRequest.Create("echo", new JsonObject { ["list"] = inner });

        var response = await client.PostAsync("/v1/tasks", Json.Content(request.ToJsonString()));

        var error = await response.ShouldFailAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED", null, "too_deep");
        error["details"]!["field"]!.GetValue<string>().Should().StartWith("payload.list[0][0]");
    }

    /// <summary>An object <paramref name="depth"/> levels deep: <c>{"a":{"a":…{"v":1}}}</c>.</summary>
    private static JsonObject Nested(int depth)
    {
        var node = new JsonObject { ["v"] = 1 };
        for (var i = 1; i < depth; i++)
        {
            node = new JsonObject { ["a"] = node };
        }

        return node;
    }
}
