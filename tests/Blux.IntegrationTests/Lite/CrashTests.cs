using System.Text.Json.Nodes;
using Blux.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Blux.IntegrationTests.Lite;

/// <summary>
/// The acceptance crash test: Blux runs as a child process under load, is killed with SIGKILL,
/// and is restarted on the same data directory. Every task that got a 202 reaches a terminal state,
/// none runs to completion twice, and the audit chain verifies.
/// </summary>
public sealed class CrashTests : IDisposable
{
    private readonly string _dataPath = TestDirectory.New();
    private readonly ITestOutputHelper _output;

    public CrashTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => TestDirectory.Delete(_dataPath);

    private static JsonObject Work(int i) => (i % 4) switch
    {
        // Mostly echo; some scripts busy for a moment, so that runs are cut off mid-route.
        0 => TaskRequest.Create("script", new JsonObject { ["language"] = "javascript", ["source"] = "var end = Date.now() + 150; while (Date.now() < end) { for (var i = 0; i < 1000; i++) { } } 'slow'" }),
        1 => ReflectedEcho(),
        _ => TaskRequest.Create("echo", auditLevel: "detailed"),
    };

    private static JsonObject ReflectedEcho()
    {
        var request = TaskRequest.Create("echo", sensitivity: "medium", requireReflection: true);
        return request;
    }

    [Fact]
    public async Task Every_accepted_task_ends_once_after_a_sigkill_and_the_audit_chain_verifies()
    {
        IReadOnlyDictionary<string, JsonObject> accepted;
        await using (var first = await HostProcess.StartAsync(_dataPath, new Dictionary<string, string> { ["Blux__Lite__Workers"] = "1" }))
        {
            using var client = await first.AdminClientAsync(_dataPath);
            await using var load = new SubmissionLoad(client, Work);
            await load.UntilAcceptedAsync(150);

            // One worker, slow scripts among the tasks: accepted work is waiting in the queue when the
            // process dies, however fast or slow the machine is.
            await client.LiteStatusAsync(lite => lite["queue_size"]!.GetValue<int>() >= 10);

            first.Kill();
            await load.StopAsync();
            accepted = load.Accepted;
        }

        var restartedAt = DateTimeOffset.UtcNow;
        await using var second = await HostProcess.StartAsync(_dataPath);
        using var after = await second.AdminClientAsync(_dataPath);

        var statuses = new Dictionary<string, string>();
        var finishedAfterRestart = 0;
        var retried = 0;
        foreach (var taskId in accepted.Keys)
        {
            var task = await after.GetTaskAsync(taskId, waitSeconds: 30);
            var status = task["status"]!.GetValue<string>();
            status.Should().BeOneOf(LiteApi.Terminal, $"task {taskId} got a 202 before the kill");
            statuses[taskId] = status;
            finishedAfterRestart += DateTimeOffset.Parse(task["completed_at"]!.GetValue<string>()) >= restartedAt ? 1 : 0;
            retried += task["attempts"]!.GetValue<int>() > 1 ? 1 : 0;
            var successes = task["audit_trail"]!.AsArray().Count(r => r!["operation"]!.GetValue<string>() == "task.execute" && r["status"]!.GetValue<string>() == "success");
            successes.Should().Be(status == "completed" ? 1 : 0, $"task {taskId} is {status}: {task.ToJsonString()}");
        }

        statuses.Values.Should().AllSatisfy(s => s.Should().BeOneOf("completed", "failed"), "nothing here is cancelled, timed out or rejected");
        finishedAfterRestart.Should().BePositive("the kill left accepted work behind for the restart to run");
        _output.WriteLine($"{accepted.Count} tasks accepted before the kill; {finishedAfterRestart} finished after the restart, {retried} of them on a second attempt");
        var executions = await SuccessfulExecutionsByTaskAsync(after);
        foreach (var taskId in accepted.Keys)
        {
            executions.GetValueOrDefault(taskId).Should().Be(statuses[taskId] == "completed" ? 1 : 0, $"task {taskId} must run to completion once in the whole audit log");
        }

        foreach (var taskId in accepted.Keys.Where(id => statuses[id] == "completed"))
        {
            var types = await after.EventTypesAsync(taskId);
            types.Count(t => t == "TaskCompleted").Should().Be(1, $"task {taskId} has one completion event");
            types.Count(t => t == "TaskStart").Should().Be(1);
        }

        var verify = await (await after.GetAsync("/v1/audit/verify")).BodyAsync();
        verify["valid"]!.GetValue<bool>().Should().BeTrue(verify.ToJsonString());
    }

    /// <summary>Counts task.execute success records per task id over the whole audit log.</summary>
    private static async Task<Dictionary<string, int>> SuccessfulExecutionsByTaskAsync(HttpClient client)
    {
        var counts = new Dictionary<string, int>();
        string? token = null;
        do
        {
            var page = await (await client.GetAsync("/v1/audit?operation=task.execute&status=success&page_size=500" + (token is null ? string.Empty : "&page_token=" + token))).BodyAsync();
            foreach (var entry in page["entries"]!.AsArray())
            {
                var taskId = entry!["data"]!["task_id"]!.GetValue<string>();
                counts[taskId] = counts.GetValueOrDefault(taskId) + 1;
            }

            token = page["next_page_token"]?.ToString();
        }
        while (token is not null);

        return counts;
    }
}
