using System.Net;
using System.Text.Json.Nodes;
using Blux.IntegrationTests.Infrastructure;

namespace Blux.IntegrationTests.Lite;

/// <summary>The webhook route: only configured targets, delivery retries, task retries with backoff, and never where a sandbox is required.</summary>
public sealed class WebhookRouteTests : IClassFixture<WebhookRouteTests.Host>
{
    private readonly WebhookReceiver _receiver;
    private readonly BluxFactory _factory;

    public WebhookRouteTests(Host host)
    {
        _receiver = host.Receiver;
        _factory = host.Factory;
    }

    /// <summary>The receiver, and one Blux for the class configured with its targets and short backoffs.</summary>
    public sealed class Host : IAsyncLifetime
    {
        public WebhookReceiver Receiver { get; } = new();

        public BluxFactory Factory { get; } = new();

        public async Task InitializeAsync()
        {
            await Receiver.InitializeAsync();
            foreach (var behaviour in new[] { "ok", "flaky", "down", "reject" })
            {
                Factory.Settings[$"Blux:Lite:Webhooks:Targets:{behaviour}"] = $"{Receiver.BaseUrl}/{behaviour}";
            }

            Factory.Settings["Blux:Lite:Webhooks:Targets:closed"] = "http://127.0.0.1:1/";
            Factory.Settings["Blux:Lite:Webhooks:RetryDelayMs"] = "10";
            Factory.Settings["Blux:Lite:RetryBaseSeconds"] = "0.05";
            Factory.Settings["Blux:Lite:RetryJitterSeconds"] = "0.05";
        }

        public async Task DisposeAsync()
        {
            await HostStop.StopAsync(Factory);
            await Receiver.DisposeAsync();
        }
    }

    private static JsonObject Webhook(string target, bool sandbox = false)
    {
        var request = LiteApi.Request("webhook", new JsonObject { ["target"] = target, ["body"] = new JsonObject { ["order"] = 42 } });
        request["doctrine_requirements"]!["sandbox_execution"] = sandbox;
        return request;
    }

    [Fact]
    public async Task A_configured_target_gets_the_body_with_the_task_id_as_idempotency_key()
    {
        using var client = await _factory.AdminClientAsync();
        var request = Webhook("ok");

        await client.SubmitAsync(request);
        var task = await client.FinishedAsync(request.Id());

        task["status"]!.GetValue<string>().Should().Be("completed", task.ToJsonString());
        task["result"]!["status"]!.GetValue<int>().Should().Be(200);
        task["result"]!["body"]!["received"]!.GetValue<bool>().Should().BeTrue();
        _receiver.Received.Should().Contain(r => r.Path == "/ok" && r.IdempotencyKey == request.Id() && r.Body!["order"]!.GetValue<int>() == 42);
    }

    [Fact]
    public async Task A_flaky_target_is_retried_within_one_attempt()
    {
        using var client = await _factory.AdminClientAsync();
        var request = Webhook("flaky");

        await client.SubmitAsync(request);
        var task = await client.FinishedAsync(request.Id());

        task["status"]!.GetValue<string>().Should().Be("completed", task.ToJsonString());
        task["attempts"]!.GetValue<int>().Should().Be(1);
        _receiver.Count("/flaky").Should().Be(3);
    }

    [Fact]
    public async Task A_target_that_stays_down_fails_the_task_after_three_attempts_each_audited()
    {
        using var client = await _factory.AdminClientAsync();
        var request = Webhook("down");

        await client.SubmitAsync(request);
        var task = await client.FinishedAsync(request.Id());

        task["status"]!.GetValue<string>().Should().Be("failed", task.ToJsonString());
        task["error"]!["code"]!.GetValue<string>().Should().Be("WEBHOOK_UNAVAILABLE");
        task["attempts"]!.GetValue<int>().Should().Be(3);
        task.Operations().Should().Equal("task.create", "task.execute", "task.execute", "task.execute");
        var executions = task["audit_trail"]!.AsArray().Skip(1).Select(r => r!["data"]!).ToArray();
        executions.Select(d => d["task_status"]!.GetValue<string>()).Should().Equal("queued", "queued", "failed");
        executions.Select(d => d["attempt"]!.GetValue<int>()).Should().Equal(1, 2, 3);
        _receiver.Count("/down").Should().Be(9, "three deliveries in each of three attempts");
    }

    [Fact]
    public async Task An_unreachable_target_is_transient_and_retried()
    {
        using var client = await _factory.AdminClientAsync();
        var request = Webhook("closed");

        await client.SubmitAsync(request);
        var task = await client.FinishedAsync(request.Id());

        task["status"]!.GetValue<string>().Should().Be("failed");
        task["error"]!["code"]!.GetValue<string>().Should().Be("WEBHOOK_UNREACHABLE");
        task["attempts"]!.GetValue<int>().Should().Be(3);
    }

    [Fact]
    public async Task A_target_that_refuses_the_request_fails_at_once()
    {
        using var client = await _factory.AdminClientAsync();
        var request = Webhook("reject");

        await client.SubmitAsync(request);
        var task = await client.FinishedAsync(request.Id());

        task["status"]!.GetValue<string>().Should().Be("failed");
        task["error"]!["code"]!.GetValue<string>().Should().Be("WEBHOOK_REJECTED");
        task["attempts"]!.GetValue<int>().Should().Be(1);
    }

    [Fact]
    public async Task An_unknown_target_is_400_listing_the_configured_ones()
    {
        using var client = await _factory.AdminClientAsync();

        var body = await client.SubmitAsync(Webhook("https://evil.example/"), HttpStatusCode.BadRequest);

        body.ShouldBeError("VALIDATION_FAILED", "unknown_target");
        body["error"]!["details"]!["known_targets"]!.AsArray().Select(t => t!.GetValue<string>()).Should().Contain(["ok", "down"]);
    }

    [Fact]
    public async Task A_webhook_that_must_be_sandboxed_is_refused_and_never_sent()
    {
        using var client = await _factory.AdminClientAsync();
        var before = _receiver.Count("/ok");
        var request = Webhook("ok", sandbox: true);

        var body = await client.SubmitAsync(request, HttpStatusCode.Forbidden);

        body["error"]!["message"]!.GetValue<string>().Should().Contain("not sandboxed");
        (await client.GetTaskAsync(request.Id()))["status"]!.GetValue<string>().Should().Be("rejected");
        _receiver.Count("/ok").Should().Be(before);
    }

    [Fact]
    public async Task Routes_are_listed_with_whether_they_are_sandboxed()
    {
        using var client = await _factory.AdminClientAsync();

        var routes = (await (await client.GetAsync("/v1/routes")).BodyAsync())["routes"]!.AsArray()
            .ToDictionary(r => r!["name"]!.GetValue<string>(), r => r!["sandboxed"]!.GetValue<bool>());

        routes.Should().BeEquivalentTo(new Dictionary<string, bool> { ["analysis"] = true, ["echo"] = true, ["script"] = true, ["webhook"] = false });
    }
}
