using System.Net;
using System.Text.Json.Nodes;
using Blux.IntegrationTests.Infrastructure;

namespace Blux.IntegrationTests.Lite;

/// <summary>The lifecycle of docs/contract.md#task-lifecycle through the API: listing, holding, cancelling, and the transitions it refuses.</summary>
public sealed class TaskLifecycleTests : IClassFixture<BluxFactory>
{
    private const string HeldType = "test";
    private const string HeldEnvironment = "staging";
    private readonly BluxFactory _factory;

    public TaskLifecycleTests(BluxFactory factory) => _factory = factory;

    private async Task<HttpClient> ClientAsync()
    {
        var client = await _factory.AdminClientAsync();
        var policies = await (await client.GetAsync("/v1/policies")).BodyAsync();
        if (!policies["rules"]!.AsArray().Any(r => r!["id"]!.GetValue<string>() == $"hold-{HeldType}-in-{HeldEnvironment}"))
        {
            await client.HoldForApprovalAsync(HeldType, HeldEnvironment);
        }

        return client;
    }

    private async Task<string> HeldTaskAsync(HttpClient client)
    {
        var request = TaskRequest.Create(HeldType, environment: HeldEnvironment);
        var accepted = await client.SubmitAsync(request);
        accepted["status"]!.GetValue<string>().Should().Be("awaiting_approval");
        return request.Id();
    }

    [Fact]
    public async Task A_task_held_by_doctrine_waits_with_an_approval_request_in_its_events()
    {
        using var client = await ClientAsync();

        var taskId = await HeldTaskAsync(client);

        var task = await client.GetTaskAsync(taskId);
        task["status"]!.GetValue<string>().Should().Be("awaiting_approval");
        task["result"].Should().BeNull();
        task.Operations().Should().Equal("task.create");
        (await client.EventTypesAsync(taskId)).Should().Equal("TaskStart", "RouteDecision", "ApprovalRequested");
        var listed = await (await client.GetAsync("/v1/tasks?status=awaiting_approval")).BodyAsync();
        listed["tasks"]!.AsArray().Select(t => t!["task_id"]!.GetValue<string>()).Should().Contain(taskId);
    }

    [Theory]
    [InlineData("approve")]
    [InlineData("reject")]
    public async Task The_submitter_cannot_review_its_own_task_and_the_refusal_is_audited(string action)
    {
        using var client = await ClientAsync();
        var taskId = await HeldTaskAsync(client);

        var response = await client.ActAsync(taskId, action);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var body = await response.BodyAsync();
        body.ShouldBeError("FORBIDDEN", "submitter_cannot_review");
        var auditId = body["error"]!["audit_id"]!.GetValue<string>();
        auditId.Should().StartWith("aud_err_");
        var record = await (await client.GetAsync($"/v1/audit/{auditId}")).BodyAsync();
        record["operation"]!.GetValue<string>().Should().Be("access.denied");
        (await client.GetTaskAsync(taskId))["status"]!.GetValue<string>().Should().Be("awaiting_approval", "a refused review changes nothing");
    }

    [Fact]
    public async Task Reviewing_needs_the_approve_scope()
    {
        using var admin = await ClientAsync();
        var taskId = await HeldTaskAsync(admin);
        using var writer = await _factory.AdminClientAsync("tasks:read tasks:write");

        var response = await writer.ActAsync(taskId, "approve");

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await response.BodyAsync()).ShouldBeError("FORBIDDEN", "missing_scope");
    }

    [Fact]
    public async Task A_held_task_is_cancelled_by_its_submitter_once_and_a_second_cancel_is_a_conflict()
    {
        using var client = await ClientAsync();
        var taskId = await HeldTaskAsync(client);

        var cancelled = await client.ActAsync(taskId, "cancel", "changed my mind");

        cancelled.StatusCode.Should().Be(HttpStatusCode.OK);
        var task = await cancelled.BodyAsync();
        task["status"]!.GetValue<string>().Should().Be("cancelled");
        task["error"]!["code"]!.GetValue<string>().Should().Be("CANCELLED");
        task["completed_at"].Should().NotBeNull();
        task.Operations().Should().Equal("task.create", "task.cancel");
        task["audit_trail"]![1]!["identity"]!.GetValue<string>().Should().EndWith(":admin");
        (await client.EventTypesAsync(taskId)).Should().EndWith("TaskFailed");

        var again = await client.ActAsync(taskId, "cancel");
        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var error = await again.BodyAsync();
        error.ShouldBeError("CONFLICT", "invalid_transition");
        error["error"]!["details"]!["status"]!.GetValue<string>().Should().Be("cancelled");
        (await client.GetTaskAsync(taskId)).Operations().Should().HaveCount(2, "a refused transition writes no record");
    }

    [Theory]
    [InlineData("approve")]
    [InlineData("reject")]
    [InlineData("cancel")]
    public async Task A_completed_task_can_be_neither_cancelled_nor_reviewed(string action)
    {
        using var client = await ClientAsync();
        var request = TaskRequest.Create("echo");
        await client.SubmitAsync(request);
        (await client.FinishedAsync(request.Id()))["status"]!.GetValue<string>().Should().Be("completed");

        var response = await client.ActAsync(request.Id(), action);

        // The submitter may not review at all (403 comes first); what it may do, cancel, is refused by the lifecycle.
        if (action == "cancel")
        {
            response.StatusCode.Should().Be(HttpStatusCode.Conflict);
            (await response.BodyAsync()).ShouldBeError("CONFLICT", "invalid_transition");
        }
        else
        {
            response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        }

        (await client.GetTaskAsync(request.Id()))["status"]!.GetValue<string>().Should().Be("completed");
    }

    [Theory]
    [InlineData("approve")]
    [InlineData("reject")]
    [InlineData("cancel")]
    public async Task Acting_on_an_unknown_task_is_404(string action)
    {
        using var client = await ClientAsync();

        var response = await client.ActAsync("task_does_not_exist", action);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.BodyAsync())["error"]!["code"]!.GetValue<string>().Should().Be("NOT_FOUND");
    }

    [Fact]
    public async Task A_reason_that_is_not_json_is_400()
    {
        using var client = await ClientAsync();
        var taskId = await HeldTaskAsync(client);

        var response = await client.PostAsync($"/v1/tasks/{taskId}/cancel", Json.Content("{reason"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await client.GetTaskAsync(taskId))["status"]!.GetValue<string>().Should().Be("awaiting_approval");
    }

    [Fact]
    public async Task Wait_spans_the_hold_and_answers_when_the_held_task_ends()
    {
        using var client = await ClientAsync();
        var request = TaskRequest.Create(HeldType, environment: HeldEnvironment);

        var waiting = client.PostAsync("/v1/tasks?wait=30", Json.Content(request.ToJsonString()));
        await client.ReachesAsync(request.Id(), "awaiting_approval");
        waiting.IsCompleted.Should().BeFalse("a held task is not finished");
        (await client.ActAsync(request.Id(), "cancel")).StatusCode.Should().Be(HttpStatusCode.OK);

        var response = await waiting;
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.BodyAsync())["status"]!.GetValue<string>().Should().Be("cancelled");
    }

    [Fact]
    public async Task Wait_without_a_task_id_answers_with_the_finished_task_under_the_id_Blux_gave_it()
    {
        using var client = await ClientAsync();
        var request = TaskRequest.Create("echo");
        request.Remove("task_id");

        var response = await client.PostAsync("/v1/tasks?wait=30", Json.Content(request.ToJsonString()));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var task = await response.BodyAsync();
        task["status"]!.GetValue<string>().Should().Be("completed");
        var taskId = task["task_id"]!.GetValue<string>();
        taskId.Should().StartWith("task_");
        task.Operations().Should().Equal("task.create", "task.execute");
        (await client.GetTaskAsync(taskId))["status"]!.GetValue<string>().Should().Be("completed");
    }

    [Fact]
    public async Task A_refused_submission_with_wait_answers_its_error_at_once()
    {
        using var client = await ClientAsync();
        var request = TaskRequest.Create("no_such_type");

        var response = await client.PostAsync("/v1/tasks?wait=30", Json.Content(request.ToJsonString()));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await client.GetAsync($"/v1/tasks/{request.Id()}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Tasks_are_listed_newest_first_filtered_by_type_and_status_and_paged_without_gaps()
    {
        using var client = await ClientAsync();
        var echoes = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var request = TaskRequest.Create("echo");
            await client.SubmitAsync(request);
            echoes.Add(request.Id());
        }

        foreach (var id in echoes)
        {
            await client.FinishedAsync(id);
        }

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await (await client.GetAsync("/v1/tasks?type=echo&page_size=2" + (token is null ? string.Empty : "&page_token=" + token))).BodyAsync();
            var tasks = page["tasks"]!.AsArray();
            tasks.Count.Should().BeLessThanOrEqualTo(2);
            tasks.Should().AllSatisfy(t => t!["type"]!.GetValue<string>().Should().Be("echo"));
            seen.AddRange(tasks.Select(t => t!["task_id"]!.GetValue<string>()));
            token = page["next_page_token"]?.GetValue<string>();
            pages++;
        }
        while (token is not null && pages < 100);

        seen.Should().OnlyHaveUniqueItems().And.Contain(echoes);
        var mine = seen.Where(echoes.Contains).ToList();
        mine.Should().Equal(Enumerable.Reverse(echoes), "newest first");

        var completed = await (await client.GetAsync("/v1/tasks?status=completed&type=echo&page_size=200")).BodyAsync();
        completed["tasks"]!.AsArray().Should().AllSatisfy(t => t!["status"]!.GetValue<string>().Should().Be("completed"));
        completed["tasks"]!.AsArray().Select(t => t!["task_id"]!.GetValue<string>()).Should().Contain(echoes);
    }

    [Theory]
    [InlineData("status=finished", "status", "unknown_value")]
    [InlineData("type=teleport", "type", "unknown_type")]
    [InlineData("page_size=0", "page_size", "out_of_range")]
    [InlineData("page_size=201", "page_size", "out_of_range")]
    [InlineData("page_size=ten", "page_size", "wrong_type")]
    [InlineData("page_token=not-a-token", "page_token", "invalid_format")]
    public async Task Bad_list_parameters_are_400_naming_the_parameter(string query, string field, string issue)
    {
        using var client = await ClientAsync();

        var response = await client.GetAsync("/v1/tasks?" + query);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var body = await response.BodyAsync();
        body.ShouldBeError("VALIDATION_FAILED", issue);
        body["error"]!["details"]!["field"]!.GetValue<string>().Should().Be(field);
    }

    [Theory]
    [InlineData("wait=61")]
    [InlineData("wait=-1")]
    [InlineData("wait=soon")]
    public async Task A_bad_wait_is_400(string query)
    {
        using var client = await ClientAsync();

        var response = await client.GetAsync("/v1/tasks/task_any?" + query);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.BodyAsync()).ShouldBeError("VALIDATION_FAILED", "invalid_value");
    }
}
