using System.Text.Json.Nodes;

namespace Blux.IntegrationTests.Lite;

/// <summary>
/// The crash-loop guard: a script that was running when the process died may be what killed it, so on
/// restart it is failed <c>EXECUTION_CRASHED</c> instead of run again (and again, on every start). Tasks
/// that were only queued run as usual.
/// </summary>
public sealed class ScriptCrashTests : IDisposable
{
    private readonly string _dataPath = TestDirectory.New();

    public void Dispose() => TestDirectory.Delete(_dataPath);

    private static JsonObject Script(string source) =>
        TaskRequest.Create("script", new JsonObject { ["language"] = "javascript", ["source"] = source });

    [Fact]
    public async Task A_script_running_when_the_host_is_killed_is_failed_on_restart_and_not_run_again()
    {
        var settings = new Dictionary<string, string> { ["Blux__Lite__Workers"] = "1" };
        var running = Script("while (true) { }");
        var queued = Script("'ran after the restart'");
        await using (var first = await HostProcess.StartAsync(_dataPath, settings))
        {
            using var client = await first.AdminClientAsync(_dataPath);
            await client.SetConstraintsAsync(maxExecutionTime: "60s");
            await client.SubmitAsync(running);
            await client.ReachesAsync(running.Id(), "running");
            await client.SubmitAsync(queued);
            (await client.GetTaskAsync(queued.Id()))["status"]!.GetValue<string>().Should().Be("queued", "the only worker is busy");

            first.Kill();
        }

        await using var second = await HostProcess.StartAsync(_dataPath, settings);
        using var after = await second.AdminClientAsync(_dataPath);

        var crashed = await after.FinishedAsync(running.Id());
        crashed["status"]!.GetValue<string>().Should().Be("failed", crashed.ToJsonString());
        crashed["error"]!["code"]!.GetValue<string>().Should().Be("EXECUTION_CRASHED");
        crashed["attempts"]!.GetValue<int>().Should().Be(1, "it was not run again");
        crashed.Operations().Should().Equal("task.create", "task.execute");
        crashed["audit_trail"]![1]!["data"]!["error_code"]!.GetValue<string>().Should().Be("EXECUTION_CRASHED");
        (await after.EventTypesAsync(running.Id())).Should().EndWith("TaskFailed");

        var resumed = await after.FinishedAsync(queued.Id());
        resumed["status"]!.GetValue<string>().Should().Be("completed", resumed.ToJsonString());
        resumed["result"]!["output"]!.GetValue<string>().Should().Be("ran after the restart");

        var verify = await (await after.GetAsync("/v1/audit/verify")).Content.ReadAsStringAsync();
        JsonNode.Parse(verify)!["valid"]!.GetValue<bool>().Should().BeTrue(verify);
    }
}
