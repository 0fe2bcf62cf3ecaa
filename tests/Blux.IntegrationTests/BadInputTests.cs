using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Blux.IntegrationTests.Infrastructure;

namespace Blux.IntegrationTests;

/// <summary>Every failure path answers its status and the error envelope (docs/contract.md#error-envelope), and leaves nothing half-written.</summary>
public sealed class BadInputTests : IClassFixture<BluxFactory>
{
    private readonly BluxFactory _factory;

    public BadInputTests(BluxFactory factory) => _factory = factory;

    [Theory]
    [InlineData("{bad", "body", "malformed_json")]
    [InlineData("", "body", "malformed_json")]
    [InlineData("[1,2]", "body", "not_an_object")]
    [InlineData("{\"type\":5}", "type", "wrong_type")]
    [InlineData("{\"type\":\"echo\",\"context\":\"prod\"}", "context", "wrong_type")]
    [InlineData("{\"type\":\"echo\",\"context\":{\"environment\":\"production\",\"sensitivity\":\"low\"},\"payload\":[1]}", "payload", "wrong_type")]
    [InlineData("{\"type\":\"echo\",\"context\":{\"environment\":\"production\",\"sensitivity\":\"low\"},\"doctrine_requirements\":{\"require_reflection\":\"yes\"}}", "doctrine_requirements.require_reflection", "wrong_type")]
    [InlineData("{\"context\":{\"environment\":\"production\",\"sensitivity\":\"low\"}}", "type", "missing_field")]
    [InlineData("{\"type\":\"echo\"}", "context", "missing_field")]
    [InlineData("{\"type\":\"echo\",\"context\":{\"environment\":\"mars\",\"sensitivity\":\"low\"}}", "context.environment", "unknown_value")]
    [InlineData("{\"type\":\"echo\",\"context\":{\"environment\":\"production\",\"sensitivity\":\"extreme\"}}", "context.sensitivity", "unknown_value")]
    [InlineData("{\"type\":\"echo\",\"context\":{\"environment\":\"production\",\"sensitivity\":\"low\"},\"doctrine_requirements\":{\"audit_level\":\"everything\"}}", "doctrine_requirements.audit_level", "unknown_value")]
    [InlineData("{\"type\":\"echo\",\"context\":{\"environment\":\"production\",\"sensitivity\":\"low\"},\"doctrine_requirements\":{\"audit_level\":\"Verbose\"}}", "doctrine_requirements.audit_level", "unknown_value")]
    [InlineData("{\"task_id\":\"has spaces\",\"type\":\"echo\",\"context\":{\"environment\":\"production\",\"sensitivity\":\"low\"}}", "task_id", "invalid_format")]
    [InlineData("{\"type\":\"echo\",\"context\":{\"environment\":\"production\",\"sensitivity\":\"low\"},\"timestamp\":\"yesterday\"}", "timestamp", "invalid_format")]
    public async Task Bad_task_requests_are_400_naming_the_field(string body, string field, string issue)
    {
        using var client = await _factory.AdminClientAsync();
        var before = await AuditHeadAsync(client);

        var response = await client.PostAsync("/v1/tasks", Json.Content(body));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var error = (await response.BodyAsync())["error"]!;
        error["code"]!.GetValue<string>().Should().Be("VALIDATION_FAILED");
        error["details"]!["field"]!.GetValue<string>().Should().Be(field);
        error["details"]!["issue"]!.GetValue<string>().Should().Be(issue);
        error["timestamp"]!.GetValue<string>().Should().EndWith("Z");
        (await AuditHeadAsync(client)).Should().Be(before, "a refused request writes no audit record");
    }

    [Fact]
    public async Task Unknown_task_type_lists_the_known_types()
    {
        using var client = await _factory.AdminClientAsync();

        var response = await client.PostAsync("/v1/tasks", Json.Content("{\"type\":\"teleport\",\"context\":{\"environment\":\"production\",\"sensitivity\":\"low\"}}"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var details = (await response.BodyAsync())["error"]!["details"]!;
        details["issue"]!.GetValue<string>().Should().Be("unknown_type");
        details["known_types"]!.AsArray().Select(t => t!.GetValue<string>()).Should().Contain(["echo", "test"]);
    }

    [Fact]
    public async Task Oversize_body_is_413_and_no_task_is_created()
    {
        using var client = await _factory.AdminClientAsync();
        var request = TaskRequest.Guide("echo");
        request["payload"] = new JsonObject { ["blob"] = new string('x', 1_100_000) };

        var response = await client.PostAsync("/v1/tasks", Json.Content(request.ToJsonString()));

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await response.BodyAsync())["error"]!["code"]!.GetValue<string>().Should().Be("PAYLOAD_TOO_LARGE");
        (await client.GetAsync($"/v1/tasks/{request["task_id"]}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Oversize_body_without_a_declared_length_is_413()
    {
        using var client = await _factory.AdminClientAsync();
        var content = new StreamContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes("{\"payload\":\"" + new string('y', 1_200_000) + "\"}")));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/tasks") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await response.BodyAsync())["error"]!["code"]!.GetValue<string>().Should().Be("PAYLOAD_TOO_LARGE");
    }

    [Fact]
    public async Task Body_that_is_not_json_is_refused_with_the_envelope()
    {
        using var client = await _factory.AdminClientAsync();

        var response = await client.PostAsync("/v1/tasks", new StringContent("type=echo", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        (await response.BodyAsync())["error"]!["code"]!.GetValue<string>().Should().Be("VALIDATION_FAILED");
    }

    [Fact]
    public async Task Unknown_task_and_unknown_audit_record_are_404_with_null_audit_id()
    {
        using var client = await _factory.AdminClientAsync();

        foreach (var path in new[] { "/v1/tasks/task_missing", "/v1/tasks/task_missing/events", "/v1/audit/aud_missing", "/v1/no-such-thing" })
        {
            var response = await client.GetAsync(path);
            response.StatusCode.Should().Be(HttpStatusCode.NotFound, path);
            var error = (await response.BodyAsync())["error"]!;
            error["code"]!.GetValue<string>().Should().Be("NOT_FOUND");
            error["audit_id"].Should().BeNull();
        }
    }

    [Fact]
    public async Task Wait_outside_its_range_is_400()
    {
        using var client = await _factory.AdminClientAsync();

        var response = await client.PostAsync("/v1/tasks?wait=61", Json.Content(TaskRequest.Guide("echo").ToJsonString()));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.BodyAsync())["error"]!["details"]!["field"]!.GetValue<string>().Should().Be("wait");
    }

    [Fact]
    public async Task Bad_token_requests_name_the_field()
    {
        using var client = _factory.CreateClient();

        var wrongGrant = await client.PostAsync("/v1/tokens", Json.Content("{\"grant_type\":\"password\",\"client_id\":\"admin\",\"client_secret\":\"x\"}"));
        wrongGrant.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await wrongGrant.BodyAsync())["error"]!["details"]!["issue"]!.GetValue<string>().Should().Be("unsupported_grant_type");

        var missing = await client.PostAsync("/v1/tokens", Json.Content("{\"grant_type\":\"client_credentials\",\"client_id\":\"admin\"}"));
        missing.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await missing.BodyAsync())["error"]!["details"]!["field"]!.GetValue<string>().Should().Be("client_secret");

        var malformed = await client.PostAsync("/v1/tokens", Json.Content("{\"grant_type\":"));
        malformed.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await malformed.BodyAsync())["error"]!["details"]!["issue"]!.GetValue<string>().Should().Be("malformed_json");
    }

    [Theory]
    [InlineData("a key over 2048 characters")]
    [InlineData("over 1024 values")]
    public async Task A_token_form_the_form_reader_refuses_is_400_not_500(string what)
    {
        using var client = _factory.CreateClient();
        var form = what == "over 1024 values"
            ? string.Join('&', Enumerable.Range(0, 2_000).Select(i => $"k{i}=v"))
            : new string('k', 3_000) + "=v";

        var response = await client.PostAsync("/v1/tokens", new StringContent(form, System.Text.Encoding.ASCII, "application/x-www-form-urlencoded"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var details = (await response.BodyAsync())["error"]!["details"]!;
        details["field"]!.GetValue<string>().Should().Be("body");
        details["issue"]!.GetValue<string>().Should().Be("malformed_form");
    }

    private static async Task<long> AuditHeadAsync(HttpClient client)
    {
        var verify = await (await client.GetAsync("/v1/audit/verify")).BodyAsync();
        verify["valid"]!.GetValue<bool>().Should().BeTrue();
        return verify["head"]!["seq"]!.GetValue<long>();
    }
}
