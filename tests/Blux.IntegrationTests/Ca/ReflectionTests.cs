using System.Net;
using System.Text.Json.Nodes;
using Blux.IntegrationTests.Infrastructure;
using Blux.IntegrationTests.Lite;

namespace Blux.IntegrationTests.Ca;

/// <summary>
/// POST /v1/reflect as a client sees it: deterministic, every factor moving the note the documented
/// way, history read through Guard's audit trail, depth choosing how much of it, nothing kept.
/// </summary>
public sealed class ReflectionTests : IAsyncLifetime
{
    private readonly BluxFactory _factory = new();
    private HttpClient _client = null!;

    public async Task InitializeAsync() => _client = await _factory.AdminClientAsync();

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await HostStop.StopAsync(_factory);
    }

    private static JsonObject Request(string type = "echo", string environment = "development", string sensitivity = "low", JsonObject? payload = null, string? depth = null)
    {
        var request = TaskRequest.Create(type, payload, environment, sensitivity, taskId: "task_reflect_probe");
        if (depth is not null)
        {
            request["doctrine_requirements"]!["reflection_depth"] = depth;
        }

        return request;
    }

    private async Task<JsonObject> ReflectAsync(JsonObject request)
    {
        var response = await _client.PostAsync("/v1/reflect", Json.Content(request.ToJsonString()));
        var body = await response.BodyAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body.ToJsonString());
        return body;
    }

    private static double Factor(JsonObject note, string name) =>
        note["factors"]!.AsArray().Single(f => f!["name"]!.GetValue<string>() == name)!["value"]!.GetValue<double>();

    private static double Score(JsonObject note) => note["risk_score"]!.GetValue<double>();

    private async Task<string> FailedScriptAsync()
    {
        var request = TaskRequest.Create("script", new JsonObject { ["language"] = "javascript", ["source"] = "throw new Error('no')" });
        await _client.SubmitAsync(request);
        var task = await _client.FinishedAsync(request.Id());
        task["status"]!.GetValue<string>().Should().Be("failed");
        return task["audit_trail"]!.AsArray().Last()!["audit_id"]!.GetValue<string>();
    }

    [Fact]
    public async Task A_dry_run_answers_the_full_note_and_keeps_nothing()
    {
        var before = await (await _client.GetAsync("/v1/audit/verify")).BodyAsync();

        var note = await ReflectAsync(Request());

        note["task_id"]!.GetValue<string>().Should().Be("task_reflect_probe");
        note["risk"]!.GetValue<string>().Should().BeOneOf("low", "medium", "high", "critical");
        note["recommendation"]!.GetValue<string>().Should().BeOneOf("proceed", "sandbox", "require_approval", "deny");
        note["insight"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        note["confidence"]!.GetValue<double>().Should().BeInRange(0, 1);
        note["related_audit_ids"]!.AsArray().Should().NotBeNull();
        note["factors"]!.AsArray().Select(f => f!["name"]!.GetValue<string>()).Should().BeEquivalentTo(
            ["payload_complexity", "sensitivity", "environment", "recent_failures", "novelty", "rate_anomaly"]);
        note["factors"]!.AsArray().Should().AllSatisfy(f => f!["explanation"]!.GetValue<string>().Should().NotBeNullOrEmpty());
        var after = await (await _client.GetAsync("/v1/audit/verify")).BodyAsync();
        after["checked"]!.GetValue<long>().Should().Be(before["checked"]!.GetValue<long>(), "a dry run writes no audit record");
        (await _client.GetAsync("/v1/tasks/task_reflect_probe")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_same_request_and_history_give_the_same_note()
    {
        var request = Request("script", "production", "medium", new JsonObject { ["language"] = "javascript", ["source"] = "1 + 1" });

        var first = await ReflectAsync(request);
        var second = await ReflectAsync(request);

        first.Remove("note_id");
        second.Remove("note_id");
        second.ToJsonString().Should().Be(first.ToJsonString());
    }

    [Fact]
    public async Task Sensitivity_and_environment_raise_the_score_by_their_documented_weights()
    {
        var baseline = await ReflectAsync(Request());
        var sensitive = await ReflectAsync(Request(sensitivity: "high"));
        var production = await ReflectAsync(Request(environment: "production"));

        Score(sensitive).Should().BeApproximately(Score(baseline) + (0.7 * 0.30), 1e-9);
        Score(production).Should().BeApproximately(Score(baseline) + (0.6 * 0.15), 1e-9);
        Factor(sensitive, "sensitivity").Should().Be(0.7);
        Factor(production, "environment").Should().Be(0.6);
    }

    [Fact]
    public async Task A_deeper_and_bigger_payload_is_more_complex()
    {
        var simple = await ReflectAsync(Request(payload: new JsonObject { ["n"] = 1 }));
        var nested = new JsonObject { ["a"] = new JsonObject { ["b"] = new JsonObject { ["c"] = new JsonObject { ["d"] = new JsonObject { ["e"] = 1 } } } } };
        nested["data_references"] = new JsonArray("ref://data/a", "ref://data/b");
        var complex = await ReflectAsync(Request(payload: nested));

        Factor(complex, "payload_complexity").Should().BeGreaterThan(Factor(simple, "payload_complexity"));
        Score(complex).Should().BeGreaterThan(Score(simple));
    }

    [Fact]
    public async Task A_first_task_type_is_novel_until_the_identity_has_run_one()
    {
        var before = await ReflectAsync(Request("data_analysis"));
        Factor(before, "novelty").Should().Be(1);

        (await _client.PutDatasetAsync("tiny", "a\n1\n")).StatusCode.Should().Be(HttpStatusCode.Created);
        var run = TaskRequest.Create("data_analysis", new JsonObject { ["operation"] = "analyze", ["data_references"] = new JsonArray("ref://data/tiny") });
        await _client.SubmitAsync(run);
        await _client.FinishedAsync(run.Id());

        var after = await ReflectAsync(Request("data_analysis"));
        Factor(after, "novelty").Should().Be(0);
        Score(after).Should().BeLessThan(Score(before));
    }

    [Fact]
    public async Task Recent_failures_raise_the_risk_and_are_named_as_related_records()
    {
        var before = await ReflectAsync(Request());
        var failures = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            failures.Add(await FailedScriptAsync());
        }

        var after = await ReflectAsync(Request());

        Factor(after, "recent_failures").Should().BeApproximately(3 / 5.0, 1e-9);
        Score(after).Should().BeGreaterThan(Score(before));
        after["related_audit_ids"]!.AsArray().Select(a => a!.GetValue<string>()).Should().Contain(failures);
        after["confidence"]!.GetValue<double>().Should().BeGreaterThan(before["confidence"]!.GetValue<double>(), "more history, more evidence");
    }

    [Fact]
    public async Task Deep_reflection_reads_history_that_medium_does_not()
    {
        var old = await FailedScriptAsync();
        for (var i = 0; i < 26; i++)
        {
            var echo = TaskRequest.Create("echo");
            await _client.SubmitAsync(echo);
            await _client.FinishedAsync(echo.Id());
        }

        var medium = await ReflectAsync(Request(depth: "medium"));
        var deep = await ReflectAsync(Request(depth: "deep"));

        medium["depth"]!.GetValue<string>().Should().Be("medium");
        deep["depth"]!.GetValue<string>().Should().Be("deep");
        medium["related_audit_ids"]!.AsArray().Select(a => a!.GetValue<string>()).Should().NotContain(old, "the failure is older than the 50 newest records");
        deep["related_audit_ids"]!.AsArray().Select(a => a!.GetValue<string>()).Should().Contain(old);
        Factor(deep, "recent_failures").Should().BeGreaterThan(Factor(medium, "recent_failures"));
    }

    [Theory]
    [InlineData("{\"context\":{\"environment\":\"development\",\"sensitivity\":\"low\"}}", "type", "missing_field")]
    [InlineData("{\"type\":\"echo\"}", "context", "missing_field")]
    [InlineData("{\"type\":\"echo\",\"context\":{\"environment\":\"mars\",\"sensitivity\":\"low\"}}", "context.environment", "unknown_value")]
    [InlineData("{\"type\":\"echo\",\"context\":{\"environment\":\"development\",\"sensitivity\":\"extreme\"}}", "context.sensitivity", "unknown_value")]
    [InlineData("{\"type\":\"echo\",\"context\":{\"environment\":\"development\",\"sensitivity\":\"low\"},\"doctrine_requirements\":{\"reflection_depth\":\"shallow\"}}", "doctrine_requirements.reflection_depth", "unknown_value")]
    [InlineData("{\"type\":\"echo\",\"context\":{\"environment\":\"development\",\"sensitivity\":\"low\"},\"payload\":[1]}", "payload", "wrong_type")]
    [InlineData("{oops", "body", "malformed_json")]
    public async Task Bad_reflect_requests_are_400_naming_the_field(string body, string field, string issue)
    {
        var response = await _client.PostAsync("/v1/reflect", Json.Content(body));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var error = await response.BodyAsync();
        error.ShouldBeError("VALIDATION_FAILED", issue);
        error["error"]!["details"]!["field"]!.GetValue<string>().Should().Be(field);
    }

    [Fact]
    public async Task Reflect_needs_the_tasks_write_scope()
    {
        using var reader = await _factory.AdminClientAsync("tasks:read");

        var response = await reader.PostAsync("/v1/reflect", Json.Content(Request().ToJsonString()));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await response.BodyAsync()).ShouldBeError("FORBIDDEN", "missing_scope");
    }
}
