using System.Net;
using System.Text.Json.Nodes;
using Blux.IntegrationTests.Infrastructure;
using Blux.IntegrationTests.Reg;

namespace Blux.IntegrationTests.Lite;

/// <summary>
/// Who sees what: tasks:read shows an identity its own tasks, tasks:read_all (admin, operator, auditor
/// in the default doctrine) every task, tasks:approve the tasks waiting for a review. Another identity's
/// task is answered as an id never used, through every door that names a task. The person a task was
/// submitted for may not approve it through another identity while the doctrine says so.
/// </summary>
public sealed class TaskVisibilityTests : IClassFixture<BluxFactory>
{
    private const string HeldType = "test";
    private const string HeldEnvironment = "staging";
    private readonly BluxFactory _factory;

    public TaskVisibilityTests(BluxFactory factory) => _factory = factory;

    private static string NewId(string prefix) => prefix + Guid.NewGuid().ToString("N")[..12];

    private async Task<HttpClient> ClientOfAsync(string kind, string[] roles, string id)
    {
        var (_, secret) = await _factory.CreateIdentityAsync(kind, roles, id);
        return await _factory.ClientAsync(id, secret);
    }

    /// <summary>A doctrine rule holds every test task in staging for approval.</summary>
    private async Task EnsureHoldRuleAsync()
    {
        using var admin = await _factory.AdminClientAsync();
        var policies = await (await admin.GetAsync("/v1/policies")).BodyAsync();
        if (!policies["rules"]!.AsArray().Any(r => r!["id"]!.GetValue<string>() == $"hold-{HeldType}-in-{HeldEnvironment}"))
        {
            await admin.HoldForApprovalAsync(HeldType, HeldEnvironment);
        }
    }

    private static async Task<string> SubmitHeldAsync(HttpClient client, string? forUser = null)
    {
        var request = TaskRequest.Create(HeldType, environment: HeldEnvironment);
        if (forUser is not null)
        {
            request["context"]!["user_id"] = forUser;
        }

        (await client.SubmitAsync(request))["status"]!.GetValue<string>().Should().Be("awaiting_approval");
        return request.Id();
    }

    private static async Task<string> SubmitFinishedAsync(HttpClient client)
    {
        var request = TaskRequest.Create("echo");
        await client.SubmitAsync(request);
        (await client.FinishedAsync(request.Id()))["status"]!.GetValue<string>().Should().Be("completed");
        return request.Id();
    }

    private static async Task<string[]> ListedAsync(HttpClient client, string query = "")
    {
        var response = await client.GetAsync("/v1/tasks?page_size=200" + query);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return (await response.BodyAsync())["tasks"]!.AsArray().Select(t => t!["task_id"]!.GetValue<string>()).ToArray();
    }

    /// <summary>The answer to a request naming <paramref name="taskId"/>, with the id itself blanked out.</summary>
    private static async Task<(HttpStatusCode Status, string Shape)> AnswerAsync(HttpClient client, HttpMethod method, string path, string taskId)
    {
        var response = await client.SendAsync(new HttpRequestMessage(method, path));
        var body = await response.BodyAsync();
        body["error"]!["timestamp"] = null;
        return (response.StatusCode, body.ToJsonString().Replace(taskId, "<id>", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Another_identitys_task_is_answered_exactly_as_an_id_never_used_on_every_path()
    {
        using var owner = await ClientOfAsync("service", ["service"], NewId("svc_owner_"));
        using var other = await ClientOfAsync("service", ["service"], NewId("svc_other_"));
        var taskId = await SubmitFinishedAsync(owner);
        var unused = NewId("task_never_used_");

        foreach (var (method, template) in new[]
        {
            (HttpMethod.Get, "/v1/tasks/{0}"),
            (HttpMethod.Get, "/v1/tasks/{0}?wait=5"),
            (HttpMethod.Get, "/v1/tasks/{0}/events"),
            (HttpMethod.Post, "/v1/tasks/{0}/cancel"),
        })
        {
            var foreign = await AnswerAsync(other, method, string.Format(template, taskId), taskId);
            var never = await AnswerAsync(other, method, string.Format(template, unused), unused);

            foreign.Status.Should().Be(HttpStatusCode.NotFound, template);
            foreign.Should().Be(never, $"{method} {template} must not tell an existing task from one that never was");
            JsonNode.Parse(foreign.Shape)!["error"]!["audit_id"].Should().BeNull("a 404 is not audited, or its audit id would tell");
        }

        (await ListedAsync(other)).Should().NotContain(taskId);
        (await other.GetAsync($"/v1/tasks/{taskId}")).StatusCode.Should().Be(HttpStatusCode.NotFound, "the refused cancel changed nothing");
        var own = await owner.GetTaskAsync(taskId);
        own["status"]!.GetValue<string>().Should().Be("completed");
        own["result"].Should().NotBeNull();
        (await owner.EventTypesAsync(taskId)).Should().EndWith("TaskCompleted");
    }

    [Fact]
    public async Task An_identity_lists_only_its_own_tasks_and_a_reused_task_id_reveals_nothing_of_the_task()
    {
        var ownerId = NewId("svc_owner_");
        using var owner = await ClientOfAsync("service", ["service"], ownerId);
        using var other = await ClientOfAsync("service", ["service"], NewId("svc_other_"));
        var mine = await SubmitFinishedAsync(owner);
        var theirs = await SubmitFinishedAsync(other);

        var listed = await owner.GetAsync("/v1/tasks?page_size=200");
        var tasks = (await listed.BodyAsync())["tasks"]!.AsArray();
        tasks.Select(t => t!["task_id"]!.GetValue<string>()).Should().Contain(mine).And.NotContain(theirs);
        tasks.Select(t => t!["identity"]!.GetValue<string>()).Distinct().Should().Equal($"service:{ownerId}");
        (await ListedAsync(owner, "&status=completed&type=echo")).Should().Contain(mine).And.NotContain(theirs);

        // Task ids are one space for all identities: a taken id is refused, and the refusal carries none of the task.
        var reuse = TaskRequest.Create("echo", new JsonObject { ["probe"] = true }, taskId: theirs);
        var refused = await owner.PostAsync("/v1/tasks", Json.Content(reuse.ToJsonString()));
        refused.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var text = await refused.Content.ReadAsStringAsync();
        text.Should().NotContain("\"echo\":").And.NotContain("user_alice").And.NotContain("\"n\":1");
    }

    [Fact]
    public async Task Roles_granted_tasks_read_all_see_every_task_and_a_token_without_it_sees_its_own()
    {
        using var service = await ClientOfAsync("service", ["service"], NewId("svc_"));
        var taskId = await SubmitFinishedAsync(service);

        foreach (var role in new[] { "admin", "operator", "auditor" })
        {
            using var reader = await ClientOfAsync("user", [role], NewId($"user_{role}_"));
            (await reader.GetTaskAsync(taskId))["result"].Should().NotBeNull(role);
            (await reader.EventTypesAsync(taskId)).Should().EndWith("TaskCompleted");
            (await ListedAsync(reader)).Should().Contain(taskId, role);
        }

        using var narrowed = await _factory.AdminClientAsync("tasks:read tasks:write");
        (await narrowed.GetAsync($"/v1/tasks/{taskId}")).StatusCode.Should().Be(HttpStatusCode.NotFound, "the scope, not the role's name, opens every task");
        var adminsOwn = await SubmitFinishedAsync(narrowed);
        (await ListedAsync(narrowed)).Should().Contain(adminsOwn).And.NotContain(taskId);
    }

    [Fact]
    public async Task An_approver_sees_the_tasks_waiting_for_a_review_and_those_it_reviewed_and_nothing_else()
    {
        await EnsureHoldRuleAsync();
        using var service = await ClientOfAsync("service", ["service"], NewId("svc_"));
        using var approver = await ClientOfAsync("user", ["approver"], NewId("user_approver_"));
        var held = await SubmitHeldAsync(service);
        var finished = await SubmitFinishedAsync(service);

        (await approver.GetTaskAsync(held))["status"]!.GetValue<string>().Should().Be("awaiting_approval");
        (await ListedAsync(approver, "&status=awaiting_approval")).Should().Contain(held);
        (await approver.GetAsync($"/v1/tasks/{finished}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await ListedAsync(approver)).Should().NotContain(finished);

        (await approver.ActAsync(held, "approve", "looked at it")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await service.FinishedAsync(held))["status"]!.GetValue<string>().Should().Be("completed");
        (await approver.GetTaskAsync(held))["review"]!["decision"]!.GetValue<string>().Should().Be("approved", "it reviewed this one");
        (await ListedAsync(approver)).Should().Contain(held).And.NotContain(finished);
    }

    [Theory]
    [InlineData("approve")]
    [InlineData("reject")]
    public async Task The_person_a_task_was_submitted_for_may_not_review_it_through_another_identity(string action)
    {
        await EnsureHoldRuleAsync();
        var userId = NewId("user_dana_");
        using var service = await ClientOfAsync("service", ["service"], NewId("svc_"));
        using var dana = await ClientOfAsync("user", ["approver"], userId);
        using var erin = await ClientOfAsync("user", ["approver"], NewId("user_erin_"));
        var taskId = await SubmitHeldAsync(service, forUser: userId);

        var refused = await dana.ActAsync(taskId, action);

        var error = await refused.ShouldFailAsync(HttpStatusCode.Forbidden, "FORBIDDEN", "task_id", "approver_is_task_user");
        var auditId = error["audit_id"]!.GetValue<string>();
        auditId.Should().StartWith("aud_err_");
        var record = await _factory.AuditRecordAsync(auditId);
        record["operation"]!.GetValue<string>().Should().Be("access.denied");
        record["status"]!.GetValue<string>().Should().Be("denied");
        record["identity"]!.GetValue<string>().Should().Be($"user:{userId}");
        record["data"]!["reason"]!.GetValue<string>().Should().Be("approver_is_task_user");
        (await service.GetTaskAsync(taskId))["status"]!.GetValue<string>().Should().Be("awaiting_approval", "a refused review changes nothing");

        (await erin.ActAsync(taskId, action)).StatusCode.Should().Be(HttpStatusCode.OK, "another person may");
    }

    [Fact]
    public async Task Without_require_independent_approval_the_person_a_task_is_for_may_approve_it_but_never_its_submitter()
    {
        var factory = new BluxFactory();
        await using var stop = HostStop.Owned(factory);
        using (var admin = await factory.AdminClientAsync())
        {
            await admin.HoldForApprovalAsync(HeldType, HeldEnvironment);
            await admin.ChangeDoctrineAsync(doctrine => doctrine["flags"]!["require_independent_approval"] = false);
        }

        var userId = NewId("user_dana_");
        var (serviceId, serviceSecret) = await factory.CreateIdentityAsync("service", ["service", "approver"], NewId("svc_"));
        var (_, danaSecret) = await factory.CreateIdentityAsync("user", ["approver"], userId);
        using var service = await factory.ClientAsync(serviceId, serviceSecret);
        using var dana = await factory.ClientAsync(userId, danaSecret);
        var taskId = await SubmitHeldAsync(service, forUser: userId);

        await (await service.ActAsync(taskId, "approve")).ShouldFailAsync(HttpStatusCode.Forbidden, "FORBIDDEN", "task_id", "submitter_cannot_review");
        var approved = await dana.ActAsync(taskId, "approve");

        approved.StatusCode.Should().Be(HttpStatusCode.OK, await approved.Content.ReadAsStringAsync());
        (await service.FinishedAsync(taskId))["status"]!.GetValue<string>().Should().Be("completed");
    }
}
