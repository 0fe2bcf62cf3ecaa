using System.Net;
using System.Text.Json.Nodes;
using Blux.IntegrationTests.Infrastructure;

namespace Blux.IntegrationTests.Lite;

/// <summary>
/// Limits that hold for the host as a whole rather than for one script: the memory all scripts may hold
/// at once, and a health that says so when every worker is taken.
/// </summary>
public sealed class ScriptHostLimitsTests
{
    private static JsonObject Script(string source) =>
        TaskRequest.Create("script", new JsonObject { ["language"] = "javascript", ["source"] = source });

    private static async Task<JsonObject> LiteDetailsAsync(HttpClient client) =>
        (JsonObject)(await (await client.GetAsync("/status/detailed")).BodyAsync())["modules"]!["blux-lite"]!["details"]!;

    [Fact]
    public async Task A_script_waits_while_the_memory_budget_is_spent_and_runs_once_it_is_given_back()
    {
        var factory = new BluxFactory();
        await using var stop = HostStop.Owned(factory);
        factory.Settings["Blux:Lite:ScriptMemoryBudgetMb"] = "48";
        using var client = await factory.AdminClientAsync();
        await client.SetConstraintsAsync(maxExecutionTime: "60s", maxMemoryMb: 64);
        var holder = Script("while (true) { }");
        await client.SubmitAsync(holder);
        await client.ReachesAsync(holder.Id(), "running");
        await Eventually.Async(() => LiteDetailsAsync(client), d => d["script_memory_reserved_mb"]!.GetValue<long>() == 48, "the running script holds the whole budget");
        var waiting = Script("({ ran: true })");

        await client.SubmitAsync(waiting);

        var details = await Eventually.Async(() => LiteDetailsAsync(client), d => d["scripts_waiting_for_memory"]!.GetValue<int>() == 1, "the second script waits for memory");
        details["script_memory_budget_mb"]!.GetValue<long>().Should().Be(48);
        (await client.GetTaskAsync(waiting.Id()))["status"]!.GetValue<string>().Should().Be("running");
        (await client.ActAsync(holder.Id(), "cancel")).StatusCode.Should().Be(HttpStatusCode.OK);
        var task = await client.FinishedAsync(waiting.Id());
        task["status"]!.GetValue<string>().Should().Be("completed", task.ToJsonString());
        task["result"]!["output"]!["ran"]!.GetValue<bool>().Should().BeTrue();
        (await LiteDetailsAsync(client))["script_memory_reserved_mb"]!.GetValue<long>().Should().Be(0);
    }

    [Fact]
    public async Task A_script_is_never_given_more_memory_than_the_whole_budget()
    {
        var factory = new BluxFactory();
        await using var stop = HostStop.Owned(factory);
        factory.Settings["Blux:Lite:ScriptMemoryBudgetMb"] = "48";
        using var client = await factory.AdminClientAsync();
        await client.SetConstraintsAsync(maxExecutionTime: "30s", maxMemoryMb: 512);
        var bomb = Script("var hoard = []; while (true) { hoard.push(new Array(100000).fill('x').join('')); }");

        await client.SubmitAsync(bomb);

        var task = await client.FinishedAsync(bomb.Id());
        task["status"]!.GetValue<string>().Should().Be("failed", task.ToJsonString());
        task["error"]!["code"]!.GetValue<string>().Should().Be("MEMORY_LIMIT");
        task["error"]!["message"]!.GetValue<string>().Should().Contain("48 MB", "the doctrine allows 512 MB, the host's budget 48");
    }

    [Fact]
    public async Task Health_is_degraded_while_no_worker_has_been_free_for_long_and_healthy_again_after()
    {
        var factory = new BluxFactory();
        await using var stop = HostStop.Owned(factory);
        factory.Settings["Blux:Lite:Workers"] = "1";
        factory.Settings["Blux:Lite:BusyDegradedSeconds"] = "1";
        using var client = await factory.AdminClientAsync();
        await client.SetConstraintsAsync(maxExecutionTime: "60s");
        (await (await client.GetAsync("/health")).BodyAsync())["services"]!["blux-lite"]!.GetValue<string>().Should().Be("healthy");
        var blocker = Script("while (true) { }");
        await client.SubmitAsync(blocker);
        await client.ReachesAsync(blocker.Id(), "running");

        var health = await Eventually.Async(async () => await (await client.GetAsync("/health")).BodyAsync(), h => h["status"]!.GetValue<string>() == "degraded", "health turns degraded");

        health["services"]!["blux-lite"]!.GetValue<string>().Should().Be("degraded");
        (await LiteDetailsAsync(client))["all_workers_busy_s"]!.GetValue<double>().Should().BeGreaterThanOrEqualTo(1);
        (await client.ActAsync(blocker.Id(), "cancel")).StatusCode.Should().Be(HttpStatusCode.OK);
        await Eventually.Async(async () => await (await client.GetAsync("/health")).BodyAsync(), h => h["status"]!.GetValue<string>() == "healthy", "health is healthy once a worker is free");
        (await LiteDetailsAsync(client))["all_workers_busy_s"].Should().BeNull();
    }
}
