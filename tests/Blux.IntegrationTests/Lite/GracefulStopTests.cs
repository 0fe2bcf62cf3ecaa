using System.Net;
using Blux.IntegrationTests.Infrastructure;

namespace Blux.IntegrationTests.Lite;

/// <summary>
/// SIGTERM to Blux as a child process with tasks running and queued: while it drains, the listener
/// stays open, <c>/ready</c> and new submissions answer 503 with the envelope and <c>Retry-After</c>;
/// a task that ends within the grace period completes, one that outlasts it is interrupted with its
/// attempt counted; a request waiting for a queued task is answered with it as it is; the process exits 0. After a restart on the same data directory every task is
/// there and ends: the interrupted one on its second attempt, the queued ones on their first.
/// </summary>
public sealed class GracefulStopTests : IDisposable
{
    private readonly string _dataPath = TestDirectory.New();

    public void Dispose() => TestDirectory.Delete(_dataPath);

    [Fact]
    public async Task A_sigterm_drains_behind_503s_and_a_restart_runs_what_was_left_with_attempts_counted()
    {
        var settings = new Dictionary<string, string> { ["Blux__Lite__Workers"] = "2", ["Blux__Lite__ShutdownGraceSeconds"] = "6" };
        var outlasting = LiteApi.BusyScript(12_000);
        var finishing = LiteApi.BusyScript(2_000);
        var queued = new[] { TaskRequest.Create("echo"), TaskRequest.Create("echo") };
        await using (var host = await HostProcess.StartAsync(_dataPath, settings))
        {
            using var client = await host.AdminClientAsync(_dataPath);
            await client.SubmitAsync(outlasting);
            await client.ReachesAsync(outlasting.Id(), "running");
            await client.SubmitAsync(finishing);
            await client.ReachesAsync(finishing.Id(), "running");
            foreach (var request in queued)
            {
                await client.SubmitAsync(request);
            }

            // A request waiting for a task that will not run before the stop is answered, not cut off.
            var waiting = client.GetAsync($"/v1/tasks/{queued[0].Id()}?wait=60");
            var exit = host.StopAsync();

            // Not ready from the signal on, answered by a listener that is still open.
            var ready = await Eventually.Async(
                () => client.GetAsync("/ready"),
                response => response.StatusCode != HttpStatusCode.OK,
                "/ready answers 503 once Blux is asked to stop");

            ready.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
            (await ready.BodyAsync())["error"]!["code"]!.GetValue<string>().Should().Be("SERVICE_UNAVAILABLE");

            var refused = await client.PostAsync("/v1/tasks", Json.Content(TaskRequest.Create("echo").ToJsonString()));
            refused.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
            refused.Headers.RetryAfter!.Delta.Should().BePositive();
            var envelope = await refused.BodyAsync();
            envelope["error"]!["code"]!.GetValue<string>().Should().Be("SERVICE_UNAVAILABLE");
            envelope["error"]!["details"]!["component"]!.GetValue<string>().Should().Be("blux-lite");
            envelope["error"]!["timestamp"].Should().NotBeNull();

            (await exit).Should().Be(0, string.Join(Environment.NewLine, host.Output));
            var waited = await waiting;
            waited.StatusCode.Should().Be(HttpStatusCode.OK);
            (await waited.BodyAsync())["status"]!.GetValue<string>().Should().Be("queued");
            host.Output.Should().Contain(line => line.Contains("tasks still running after the 00:00:06 grace period; interrupting them"));
        }

        var restartedAt = DateTimeOffset.UtcNow;
        await using var restarted = await HostProcess.StartAsync(_dataPath);
        using var after = await restarted.AdminClientAsync(_dataPath);

        var finished = await after.GetTaskAsync(finishing.Id());
        finished["status"]!.GetValue<string>().Should().Be("completed", "it ended within the grace period");
        finished["attempts"]!.GetValue<int>().Should().Be(1);
        DateTimeOffset.Parse(finished["completed_at"]!.GetValue<string>()).Should().BeBefore(restartedAt, "it completed during the stop, not after the restart");

        var interrupted = await after.FinishedAsync(outlasting.Id());
        interrupted["status"]!.GetValue<string>().Should().Be("completed", interrupted.ToJsonString());
        interrupted["attempts"]!.GetValue<int>().Should().Be(2, "the attempt the stop interrupted counts");
        interrupted.Operations().Should().Equal("task.create", "task.execute", "task.execute");
        interrupted["audit_trail"]![1]!["data"]!["error_code"]!.GetValue<string>().Should().Be("INTERRUPTED");
        interrupted["audit_trail"]![1]!["data"]!["task_status"]!.GetValue<string>().Should().Be("queued");

        foreach (var request in queued)
        {
            var task = await after.FinishedAsync(request.Id());
            task["status"]!.GetValue<string>().Should().Be("completed", "it stayed queued through the stop and ran after the restart");
            task["attempts"]!.GetValue<int>().Should().Be(1);
            DateTimeOffset.Parse(task["completed_at"]!.GetValue<string>()).Should().BeOnOrAfter(restartedAt, "the draining workers took nothing more");
        }

        var verify = await (await after.GetAsync("/v1/audit/verify")).BodyAsync();
        verify["valid"]!.GetValue<bool>().Should().BeTrue(verify.ToJsonString());
    }
}
