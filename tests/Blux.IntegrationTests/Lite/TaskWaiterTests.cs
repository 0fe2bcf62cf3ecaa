using System.Net;
using System.Text.Json.Nodes;
using Blux.IntegrationTests.Infrastructure;

namespace Blux.IntegrationTests.Lite;

/// <summary>
/// A request that waits for a task holds a registration only while it runs: refused cancels (of an
/// unknown task, of a finished one) and waits that end any way leave nothing behind in Lite's waiters.
/// </summary>
public sealed class TaskWaiterTests : IClassFixture<BluxFactory>
{
    private readonly BluxFactory _factory;

    public TaskWaiterTests(BluxFactory factory) => _factory = factory;

    private static async Task<long> WaitersAsync(HttpClient client) =>
        (await client.LiteStatusAsync(_ => true))["memory"]!["task_waiters"]!["entries"]!.GetValue<long>();

    [Fact]
    public async Task A_hundred_thousand_refused_cancels_leave_no_waiter_behind()
    {
        using var client = await _factory.AdminClientAsync();
        var finished = TaskRequest.Create("echo");
        (await client.PostAsync("/v1/tasks?wait=30", Json.Content(finished.ToJsonString()))).StatusCode.Should().Be(HttpStatusCode.OK);
        var before = await WaitersAsync(client);

        const int Cancels = 100_000;
        const int Lanes = 8;
        var refused = new int[Lanes];
        await Task.WhenAll(Enumerable.Range(0, Lanes).Select(lane => Task.Run(async () =>
        {
            for (var i = lane; i < Cancels; i += Lanes)
            {
                // One in a hundred names the finished task (409); the rest name tasks that do not exist (404).
                var taskId = i % 100 == 0 ? finished.Id() : $"task_never_{i}";
                using var response = await client.PostAsync($"/v1/tasks/{taskId}/cancel", null);
                response.StatusCode.Should().Be(i % 100 == 0 ? HttpStatusCode.Conflict : HttpStatusCode.NotFound);
                refused[lane]++;
            }
        })));

        refused.Sum().Should().Be(Cancels);
        before.Should().Be(0);
        (await WaitersAsync(client)).Should().Be(0, "every refused cancel gave its registration back");
    }

    [Fact]
    public async Task Waits_that_run_out_or_are_abandoned_leave_no_waiter_behind()
    {
        using var client = await _factory.AdminClientAsync();
        await client.HoldForApprovalAsync("test", "staging");
        var held = TaskRequest.Create("test", environment: "staging");
        (await client.SubmitAsync(held))["status"]!.GetValue<string>().Should().Be("awaiting_approval");

        // Waits that run out, and waits whose caller hangs up before they do.
        (await client.GetAsync($"/v1/tasks/{held.Id()}?wait=1")).StatusCode.Should().Be(HttpStatusCode.OK);
        using (var hangUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(200)))
        {
            var abandoned = () => client.GetAsync($"/v1/tasks/{held.Id()}?wait=30", hangUp.Token);
            await abandoned.Should().ThrowAsync<OperationCanceledException>();
        }

        await Eventually.Async(async () => await WaitersAsync(client) == 0, "the abandoned wait gives its registration back");
    }
}
