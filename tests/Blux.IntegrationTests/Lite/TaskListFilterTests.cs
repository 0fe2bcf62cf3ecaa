using System.Net;
using Blux.IntegrationTests.Infrastructure;
using Blux.IntegrationTests.Reg;

namespace Blux.IntegrationTests.Lite;

/// <summary><c>GET /v1/tasks</c> filtered by the submitting identity and by creation time, and what it refuses.</summary>
public sealed class TaskListFilterTests : IDisposable
{
    private readonly BluxFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Identity_since_and_until_narrow_the_list()
    {
        using var admin = await _factory.AdminClientAsync();
        var service = await _factory.CreateIdentityAsync("service", ["service"]);
        using var other = await _factory.ClientAsync(service.Id, service.Secret);
        var mine = TaskRequest.Create("echo");
        var theirs = TaskRequest.Create("echo");
        await admin.SubmitAsync(mine);
        await other.SubmitAsync(theirs);
        var created = (await admin.GetTaskAsync(theirs.Id()))["created_at"]!.GetValue<string>();

        var byIdentity = await (await admin.GetAsync($"/v1/tasks?identity=service:{service.Id}")).BodyAsync();
        byIdentity["tasks"]!.AsArray().Select(t => t!["task_id"]!.GetValue<string>()).Should().Equal(theirs.Id());

        var fromThen = await (await admin.GetAsync($"/v1/tasks?since={Uri.EscapeDataString(created)}")).BodyAsync();
        fromThen["tasks"]!.AsArray().Select(t => t!["task_id"]!.GetValue<string>()).Should().Contain(theirs.Id()).And.NotContain(mine.Id());

        var beforeThen = await (await admin.GetAsync($"/v1/tasks?until={Uri.EscapeDataString(created)}")).BodyAsync();
        beforeThen["tasks"]!.AsArray().Select(t => t!["task_id"]!.GetValue<string>()).Should().Contain(mine.Id()).And.NotContain(theirs.Id());

        var future = await (await admin.GetAsync("/v1/tasks?since=2999-01-01T00:00:00%2B02:00")).BodyAsync();
        future["tasks"]!.AsArray().Should().BeEmpty();
    }

    [Theory]
    [InlineData("since=yesterday", "since", "invalid_format")]
    [InlineData("since=2026-01-01T00:00:00", "since", "invalid_format")]
    [InlineData("until=2026-13-01T00:00:00Z", "until", "invalid_format")]
    [InlineData("until=%EF%BC%92026-01-01T00:00:00Z", "until", "invalid_format")]
    public async Task A_time_that_is_not_RFC_3339_with_its_offset_is_refused(string query, string field, string issue)
    {
        using var admin = await _factory.AdminClientAsync();
        await (await admin.GetAsync($"/v1/tasks?{query}")).ShouldFailAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED", field, issue);
    }

    [Fact]
    public async Task An_identity_filter_over_256_characters_is_refused()
    {
        using var admin = await _factory.AdminClientAsync();
        await (await admin.GetAsync($"/v1/tasks?identity={new string('u', 257)}")).ShouldFailAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED", "identity", "too_long");
    }
}
