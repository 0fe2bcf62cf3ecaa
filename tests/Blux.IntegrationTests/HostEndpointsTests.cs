using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Blux.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Blux.IntegrationTests;

public sealed class HostEndpointsTests : IClassFixture<BluxFactory>
{
    private readonly BluxFactory _factory;

    public HostEndpointsTests(BluxFactory factory) => _factory = factory;

    [Fact]
    public async Task Health_reports_each_module()
    {
        using var client = _factory.CreateClient();

        var health = await (await client.GetAsync("/health")).BodyAsync();

        health["status"]!.GetValue<string>().Should().Be("healthy");
        health["services"]!.AsObject().Select(p => p.Key).Should().BeEquivalentTo(["blux-lite", "blux-ca", "blux-guard", "blux-reg"]);
        (await client.GetAsync("/ready")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Status_reports_versions_doctrine_and_queue()
    {
        using var client = await _factory.AdminClientAsync();

        var status = await (await client.GetAsync("/v1/status")).BodyAsync();

        status["doctrine_version"]!.GetValue<long>().Should().Be(1);
        var modules = status["modules"]!;
        modules["blux-lite"]!["version"]!.GetValue<string>().Should().Be("1.2");
        modules["blux-ca"]!["version"]!.GetValue<string>().Should().Be("0.8");
        modules["blux-guard"]!["version"]!.GetValue<string>().Should().Be("1.1");
        modules["blux-reg"]!["version"]!.GetValue<string>().Should().Be("1.3");
        modules["blux-lite"]!["queue_size"].Should().NotBeNull();
        modules["blux-lite"]!["active_tasks"].Should().NotBeNull();
    }

    [Fact]
    public async Task Detailed_status_shows_stores_keys_doctrine_and_audit_head()
    {
        using var client = await _factory.AdminClientAsync();

        var detailed = await (await client.GetAsync("/status/detailed")).BodyAsync();

        var guard = detailed["modules"]!["blux-guard"]!["details"]!;
        guard["store_reachable"]!.GetValue<bool>().Should().BeTrue();
        guard["doctrine_digest"]!.GetValue<string>().Should().StartWith("sha256-");
        guard["audit_head"]!["seq"]!.GetValue<long>().Should().BeGreaterThan(0);
        detailed["modules"]!["blux-reg"]!["details"]!["keys"]!.AsArray().Should().HaveCount(2);
    }

    [Fact]
    public async Task Detailed_status_shows_the_process_memory_and_every_bounded_structure()
    {
        using var client = await _factory.AdminClientAsync();
        var request = TaskRequest.Create("echo", taskId: "task_memory_" + Guid.NewGuid().ToString("N"));
        (await client.PostAsync("/v1/tasks?wait=30", Json.Content(request.ToJsonString()))).StatusCode.Should().Be(HttpStatusCode.OK);

        var detailed = await (await client.GetAsync("/status/detailed")).BodyAsync();

        detailed["process"]!["gc_heap_bytes"]!.GetValue<long>().Should().BePositive();
        detailed["process"]!["working_set_bytes"]!.GetValue<long>().Should().BePositive();
        var guard = detailed["modules"]!["blux-guard"]!["details"]!["memory"]!;
        var lite = detailed["modules"]!["blux-lite"]!["details"]!["memory"]!;
        guard["replay_memory"]!["entries"]!.GetValue<long>().Should().BePositive("the request chose its task_id");
        guard["replay_memory"]!["estimated_bytes"]!.GetValue<long>().Should().BeLessThanOrEqualTo(guard["replay_memory"]!["max_bytes"]!.GetValue<long>());
        guard["recent_audit_records"]!["estimated_bytes"]!.GetValue<long>().Should().BePositive();
        lite["recent_task_rows"]!["entries"]!.GetValue<long>().Should().BePositive();
        lite["recent_task_rows"]!["estimated_bytes"]!.GetValue<long>().Should().BeLessThanOrEqualTo(lite["recent_task_rows"]!["max_bytes"]!.GetValue<long>());
        lite["task_waiters"]!["entries"]!.GetValue<long>().Should().Be(0, "the only waiting request has been answered");
        var tokens = detailed["modules"]!["blux-reg"]!["details"]!["memory"]!["remembered_tokens"]!;
        tokens["entries"]!.GetValue<long>().Should().BePositive("this request's token was checked and remembered");
        tokens["estimated_bytes"]!.GetValue<long>().Should().BeLessThanOrEqualTo(tokens["max_bytes"]!.GetValue<long>());
    }

    [Fact]
    public async Task Jwks_publishes_the_token_and_audit_keys_without_private_parts()
    {
        using var client = _factory.CreateClient();

        var jwks = await client.GetFromJsonAsync<JsonObject>("/.well-known/jwks.json");

        var keys = jwks!["keys"]!.AsArray();
        keys.Should().HaveCount(2);
        keys.Should().AllSatisfy(k =>
        {
            k!["alg"]!.GetValue<string>().Should().Be("ES512");
            k["crv"]!.GetValue<string>().Should().Be("P-521");
            k["use"]!.GetValue<string>().Should().Be("sig");
            k["d"].Should().BeNull();
        });
    }

    [Fact]
    public async Task OpenApi_document_lists_the_v1_endpoints_with_bearer_auth_and_swagger_ui_is_served()
    {
        using var client = _factory.CreateClient();

        var document = await (await client.GetAsync("/openapi/v1.json")).BodyAsync();

        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToArray();
        paths.Should().Contain(["/v1/tasks", "/v1/tasks/{taskId}", "/v1/tasks/{taskId}/events", "/v1/tokens", "/v1/audit/{auditId}", "/v1/audit/verify", "/v1/status"]);
        document["components"]!["securitySchemes"]!["Bearer"]!["scheme"]!.GetValue<string>().Should().Be("bearer");
        document["paths"]!["/v1/tasks"]!["post"]!["security"].Should().NotBeNull();
        document["paths"]!["/v1/tokens"]!["post"]!["security"]![0]!.AsObject().Should().BeEmpty("the token endpoint needs no token: the credentials are in the body or a Basic header");
        (await client.GetAsync("/swagger/index.html")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Unhandled_failure_is_500_with_no_internals()
    {
        using var factory = _factory.WithWebHostBuilder(builder =>
            builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, ThrowingEndpointFilter>()));
        using var client = factory.CreateClient();

        var response = await client.GetAsync(ThrowingEndpointFilter.Path);

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        var text = await response.Content.ReadAsStringAsync();
        text.Should().NotContain("SELECT").And.NotContain("Blux.Modules").And.NotContain("InvalidOperationException").And.NotContain(" at ");
        var error = JsonNode.Parse(text)!["error"]!;
        error["code"]!.GetValue<string>().Should().Be("INTERNAL_ERROR");
        error["details"]!["trace_id"]!.GetValue<string>().Should().NotBeNullOrEmpty();
    }
}
