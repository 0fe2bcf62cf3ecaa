using System.Net;
using System.Text.Json.Nodes;
using Blux.IntegrationTests.Infrastructure;
using Blux.IntegrationTests.Reg;

namespace Blux.IntegrationTests.Lite;

/// <summary>
/// Reflection's recommendation applied by Lite: a high-risk request is held and runs only after another
/// identity approves it; a critical one is denied; a medium one is sandboxed. Approval and rejection
/// are audited under the reviewer's identity and refused on tasks not awaiting approval.
/// </summary>
public sealed class ApprovalFlowTests : IClassFixture<ApprovalFlowTests.Host>, IAsyncLifetime
{
    private readonly Host _host;
    private HttpClient _admin = null!;
    private HttpClient _approver = null!;
    private RequestSigner _signer = null!;

    public ApprovalFlowTests(Host host) => _host = host;

    /// <summary>One host for the class, with an approver identity beside the bootstrap admin.</summary>
    public sealed class Host : IAsyncLifetime
    {
        public BluxFactory Factory { get; } = new();

        public (string Id, string Secret) Approver { get; private set; }

        public async Task InitializeAsync() => Approver = await Factory.CreateIdentityAsync("user", ["approver"]);

        public async Task DisposeAsync() => await HostStop.StopAsync(Factory);
    }

    public async Task InitializeAsync()
    {
        _admin = await _host.Factory.AdminClientAsync();
        _approver = await _host.Factory.ClientAsync(_host.Approver.Id, _host.Approver.Secret);
        _signer = await RequestSigner.RegisterAsync(_admin);
    }

    public Task DisposeAsync()
    {
        _admin.Dispose();
        _approver.Dispose();
        _signer.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Critical data from production with a deep payload naming five datasets: reflection scores it high.</summary>
    private JsonObject HighRiskRequest()
    {
        JsonNode nested = 1;
        for (var i = 0; i < 8; i++)
        {
            nested = new JsonObject { ["level"] = nested };
        }

        var request = TaskRequest.Create("echo", new JsonObject
        {
            ["data_references"] = new JsonArray("ref://data/a", "ref://data/b", "ref://data/c", "ref://data/d", "ref://data/e"),
            ["nested"] = nested,
        }, environment: "production", sensitivity: "critical", requireReflection: true);
        return _signer.Sign(request);
    }

    private async Task<string> HeldAsync()
    {
        var request = HighRiskRequest();
        var accepted = await _admin.SubmitAsync(request);
        accepted["status"]!.GetValue<string>().Should().Be("awaiting_approval", accepted.ToJsonString());
        return request.Id();
    }

    [Fact]
    public async Task A_high_risk_request_is_held_and_runs_only_after_another_identity_approves_it()
    {
        var taskId = await HeldAsync();

        var held = await _admin.GetTaskAsync(taskId);
        held["reflection"]!["risk"]!.GetValue<string>().Should().Be("high", held["reflection"]!.ToJsonString());
        held["reflection"]!["recommendation"]!.GetValue<string>().Should().Be("require_approval");
        held["route"]!["rationale"]!.GetValue<string>().Should().Contain("held for approval");
        held["started_at"].Should().BeNull();
        (await _admin.EventTypesAsync(taskId)).Should().Equal("TaskStart", "ReflectionNote", "RouteDecision", "ApprovalRequested");
        (await _admin.ActAsync(taskId, "approve")).StatusCode.Should().Be(HttpStatusCode.Forbidden, "the submitter may not approve");

        var approved = await _approver.ActAsync(taskId, "approve", "checked the datasets");

        approved.StatusCode.Should().Be(HttpStatusCode.OK);
        var review = (await approved.BodyAsync())["review"]!;
        review["decision"]!.GetValue<string>().Should().Be("approved");
        review["by"]!.GetValue<string>().Should().NotEndWith(":admin");
        review["reason"]!.GetValue<string>().Should().Be("checked the datasets");
        var task = await _admin.FinishedAsync(taskId);
        task["status"]!.GetValue<string>().Should().Be("completed", task.ToJsonString());
        task.Operations().Should().Equal("task.create", "task.approve", "task.execute");
        task["audit_trail"]![1]!["identity"]!.GetValue<string>().Should().Be(review["by"]!.GetValue<string>());
        (await _admin.EventTypesAsync(taskId)).Should().EndWith("TaskCompleted");
        var verify = await (await _admin.GetAsync("/v1/audit/verify")).BodyAsync();
        verify["valid"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task A_rejected_task_ends_rejected_and_never_runs()
    {
        var taskId = await HeldAsync();

        var rejected = await _approver.ActAsync(taskId, "reject", "not today");

        rejected.StatusCode.Should().Be(HttpStatusCode.OK);
        var task = await rejected.BodyAsync();
        task["status"]!.GetValue<string>().Should().Be("rejected");
        task["error"]!["code"]!.GetValue<string>().Should().Be("REJECTED");
        task["error"]!["message"]!.GetValue<string>().Should().Contain("not today");
        task["started_at"].Should().BeNull();
        task.Operations().Should().Equal("task.create", "task.reject");
        (await _admin.EventTypesAsync(taskId)).Should().EndWith("TaskFailed");
    }

    [Fact]
    public async Task Approving_twice_or_approving_a_finished_task_is_a_conflict()
    {
        var taskId = await HeldAsync();
        (await _approver.ActAsync(taskId, "approve")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await _admin.FinishedAsync(taskId))["status"]!.GetValue<string>().Should().Be("completed");

        foreach (var action in new[] { "approve", "reject" })
        {
            var response = await _approver.ActAsync(taskId, action);
            response.StatusCode.Should().Be(HttpStatusCode.Conflict);
            var body = await response.BodyAsync();
            body.ShouldBeError("CONFLICT", "invalid_transition");
            body["error"]!["details"]!["status"]!.GetValue<string>().Should().Be("completed");
        }

        (await _admin.GetTaskAsync(taskId)).Operations().Should().Equal("task.create", "task.approve", "task.execute");
    }

    [Fact]
    public async Task A_submit_that_waits_gets_the_finished_task_once_it_is_approved()
    {
        var request = HighRiskRequest();

        var waiting = _admin.PostAsync("/v1/tasks?wait=30", Json.Content(request.ToJsonString()));
        await _admin.ReachesAsync(request.Id(), "awaiting_approval");
        (await _approver.ActAsync(request.Id(), "approve")).StatusCode.Should().Be(HttpStatusCode.OK);

        var response = await waiting;
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.BodyAsync())["status"]!.GetValue<string>().Should().Be("completed");
    }

    [Fact]
    public async Task A_medium_risk_request_is_sandboxed_on_reflections_advice()
    {
        var request = TaskRequest.Create("echo", new JsonObject { ["data_references"] = new JsonArray("a", "b", "c", "d", "e", "f", "g", "h", "i", "j") }, sensitivity: "medium", requireReflection: true);

        await _admin.SubmitAsync(request);
        var task = await _admin.FinishedAsync(request.Id());

        task["reflection"]!["recommendation"]!.GetValue<string>().Should().Be("sandbox", task["reflection"]!.ToJsonString());
        task["effective_requirements"]!["sandbox_execution"]!.GetValue<bool>().Should().BeTrue("the request did not ask for it; reflection did");
        task["route"]!["doctrine_flags"]!.AsArray().Select(f => f!.GetValue<string>()).Should().Contain(["reflection_used", "sandboxed"]);
        task["status"]!.GetValue<string>().Should().Be("completed");
    }

    [Fact]
    public async Task A_critical_risk_request_is_denied_by_reflection()
    {
        var factory = new BluxFactory();
        await using var stop = HostStop.Owned(factory);
        using var admin = await factory.AdminClientAsync();
        using var signer = await RequestSigner.RegisterAsync(admin);
        for (var i = 0; i < 5; i++)
        {
            var failing = TaskRequest.Create("script", new JsonObject { ["language"] = "javascript", ["source"] = "throw new Error('x')" });
            await admin.SubmitAsync(failing);
            await admin.FinishedAsync(failing.Id());
        }

        var request = TaskRequest.Create("echo", new JsonObject { ["data_references"] = new JsonArray("a", "b", "c", "d", "e", "f", "g", "h", "i", "j") }, environment: "production", sensitivity: "critical", requireReflection: true);
        var body = await admin.SubmitAsync(signer.Sign(request), HttpStatusCode.Forbidden);

        body["error"]!["message"]!.GetValue<string>().Should().Contain("reflection risk critical");
        body["error"]!["audit_id"]!.GetValue<string>().Should().StartWith("aud_err_");
        var task = await admin.GetTaskAsync(request.Id());
        task["status"]!.GetValue<string>().Should().Be("rejected");
        task["reflection"]!["recommendation"]!.GetValue<string>().Should().Be("deny");
        task["started_at"].Should().BeNull();
    }
}
