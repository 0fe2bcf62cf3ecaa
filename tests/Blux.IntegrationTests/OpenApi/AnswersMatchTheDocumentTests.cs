using System.Net;
using System.Text.Json.Nodes;
using Blux.IntegrationTests.Infrastructure;

namespace Blux.IntegrationTests.OpenApi;

/// <summary>
/// What Blux really answers fits what the document says it answers: a walkthrough's every answer
/// (the finished task with its trail, reflection and route, its events, the audit record, pages,
/// verification, checkpoint, doctrine, keys, identities, status, health, discovery, and errors)
/// is checked against the schema of its operation and status. Records that only describe raw JSON
/// cannot drift from the JSON unnoticed.
/// </summary>
public sealed class AnswersMatchTheDocumentTests : IClassFixture<BluxFactory>
{
    private readonly BluxFactory _factory;

    public AnswersMatchTheDocumentTests(BluxFactory factory)
    {
        _factory = factory;
        _factory.Settings["Blux:Guard:CheckpointEveryRecords"] = "1";
    }

    [Fact]
    public async Task Every_answer_of_a_walkthrough_fits_its_schema()
    {
        using var admin = await _factory.AdminClientAsync();
        using var anonymous = _factory.CreateClient();
        var document = await (await anonymous.GetAsync("/openapi/v1.json")).BodyAsync();
        var conformance = new SchemaConformance(document);
        var problems = new List<string>();

        async Task<JsonNode?> Fits(string method, string template, HttpResponseMessage response)
        {
            var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var text = await response.Content.ReadAsStringAsync();
            var schema = document["paths"]![template]![method]!["responses"]![status]?["content"]?["application/json"]?["schema"];
            if (schema is null)
            {
                problems.Add($"{method.ToUpperInvariant()} {template} answered {status}, which the document does not list: {text}");
                return null;
            }

            var body = JsonNode.Parse(text);
            problems.AddRange(conformance.Check(body, schema).Select(p => $"{method.ToUpperInvariant()} {template} {status} {p}"));
            return body;
        }

        var seed = document["paths"]!["/v1/tasks"]!["post"]!["requestBody"]!["content"]!["application/json"]!["examples"]!["seed"]!["value"]!.ToJsonString();
        var finished = await Fits("post", "/v1/tasks", await admin.PostAsync("/v1/tasks?wait=10", Json.Content(seed)));
        var taskId = finished!["task_id"]!.GetValue<string>();
        finished["status"]!.GetValue<string>().Should().Be("completed");
        await Fits("post", "/v1/tasks", await admin.PostAsync("/v1/tasks", Json.Content(TaskRequest.Guide("echo").ToJsonString())));
        await Fits("get", "/v1/tasks/{taskId}", await admin.GetAsync($"/v1/tasks/{taskId}"));
        await Fits("get", "/v1/tasks/{taskId}/events", await admin.GetAsync($"/v1/tasks/{taskId}/events"));
        await Fits("get", "/v1/tasks", await admin.GetAsync("/v1/tasks?status=completed&page_size=1"));
        await Fits("post", "/v1/tasks/{taskId}/cancel", await admin.PostAsync($"/v1/tasks/{taskId}/cancel", Json.Content("{}")));
        var auditId = finished["audit_trail"]![0]!["audit_id"]!.GetValue<string>();
        await Fits("get", "/v1/audit/{auditId}", await admin.GetAsync($"/v1/audit/{auditId}"));
        await Fits("get", "/v1/audit", await admin.GetAsync("/v1/audit?page_size=2"));
        await Fits("get", "/v1/audit/verify", await admin.GetAsync("/v1/audit/verify"));
        await Fits("get", "/v1/audit/checkpoints/latest", await admin.GetAsync("/v1/audit/checkpoints/latest"));
        await Fits("post", "/v1/audit", await admin.PostAsync("/v1/audit", Json.Content("""{"service":"billing","operation":"invoice.sent","data":{"n":1}}""")));
        await Fits("post", "/v1/validate", await admin.PostAsync("/v1/validate", Json.Content(seed)));
        await Fits("post", "/v1/reflect", await admin.PostAsync("/v1/reflect", Json.Content(seed)));
        await Fits("get", "/v1/policies", await admin.GetAsync("/v1/policies"));
        await Fits("get", "/v1/policies/history", await admin.GetAsync("/v1/policies/history"));
        await Fits("get", "/v1/routes", await admin.GetAsync("/v1/routes"));
        await Fits("get", "/v1/datasets", await admin.GetAsync("/v1/datasets"));
        await Fits("get", "/v1/keys", await admin.GetAsync("/v1/keys"));
        await Fits("get", "/v1/identities", await admin.GetAsync("/v1/identities"));
        await Fits("get", "/v1/identities/{id}", await admin.GetAsync("/v1/identities/admin"));
        await Fits("get", "/v1/status", await admin.GetAsync("/v1/status"));
        await Fits("get", "/status/detailed", await admin.GetAsync("/status/detailed"));
        await Fits("get", "/health", await anonymous.GetAsync("/health"));
        await Fits("get", "/ready", await anonymous.GetAsync("/ready"));
        await Fits("get", "/.well-known/jwks.json", await anonymous.GetAsync("/.well-known/jwks.json"));
        await Fits("get", "/.well-known/openid-configuration", await anonymous.GetAsync("/.well-known/openid-configuration"));
        await Fits("get", "/v1/tasks/{taskId}", await admin.GetAsync("/v1/tasks/task_never_was"));
        await Fits("post", "/v1/tasks", await admin.PostAsync("/v1/tasks", Json.Content("""{"type":"echo"}""")));
        await Fits("post", "/v1/tasks", await anonymous.PostAsync("/v1/tasks", Json.Content(seed)));

        problems.Should().BeEmpty();
    }

    [Fact]
    public async Task Control_the_check_finds_an_answer_that_does_not_fit()
    {
        using var anonymous = _factory.CreateClient();
        var document = await (await anonymous.GetAsync("/openapi/v1.json")).BodyAsync();
        var taskView = JsonNode.Parse("""{"$ref":"#/components/schemas/TaskView"}""")!;

        var problems = new SchemaConformance(document).Check(JsonNode.Parse("""{"task_id":7,"status":"lost","created_at":"yesterday","audit_trail":[{"seq":"one"}]}"""), taskView);

        problems.Should().Contain(p => p.Contains("$.task_id: integer", StringComparison.Ordinal))
            .And.Contain(p => p.Contains("$.status: \"lost\" is not one of", StringComparison.Ordinal))
            .And.Contain(p => p.Contains("$.created_at: yesterday is not a date-time", StringComparison.Ordinal))
            .And.Contain(p => p.Contains("required member attempts is missing", StringComparison.Ordinal))
            .And.Contain(p => p.Contains("$.audit_trail[0].seq: string", StringComparison.Ordinal));
    }
}
