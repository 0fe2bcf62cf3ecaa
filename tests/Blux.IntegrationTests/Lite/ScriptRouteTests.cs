using System.Net;
using System.Text.Json.Nodes;
using Blux.IntegrationTests.Infrastructure;

namespace Blux.IntegrationTests.Lite;

/// <summary>The script sandbox: results, the doctrine's time and memory limits, no way out to the host, and cancellation.</summary>
public sealed class ScriptRouteTests : IClassFixture<BluxFactory>
{
    private readonly BluxFactory _factory;
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static readonly HashSet<BluxFactory> Limited = [];

    public ScriptRouteTests(BluxFactory factory) => _factory = factory;

    /// <summary>A client on a host whose doctrine caps scripts at 2 s and 64 MB.</summary>
    private async Task<HttpClient> ClientAsync()
    {
        var client = await _factory.AdminClientAsync();
        await Once.WaitAsync();
        try
        {
            if (Limited.Add(_factory))
            {
                await client.SetConstraintsAsync(maxExecutionTime: "2s", maxMemoryMb: 64);
            }
        }
        finally
        {
            Once.Release();
        }

        return client;
    }

    private static JsonObject Script(string source, JsonNode? input = null) =>
        TaskRequest.Create("script", new JsonObject { ["language"] = "javascript", ["source"] = source, ["input"] = input });

    private async Task<JsonObject> RunAsync(HttpClient client, string source, JsonNode? input = null)
    {
        var request = Script(source, input);
        await client.SubmitAsync(request);
        return await client.FinishedAsync(request.Id());
    }

    [Fact]
    public async Task A_script_returns_its_last_value_and_its_console_lines()
    {
        using var client = await ClientAsync();

        var task = await RunAsync(client, "console.log('sum of', input.values.length, 'values'); ({ total: input.values.reduce((a, b) => a + b, 0) })",
            new JsonObject { ["values"] = new JsonArray(1, 2, 3.5) });

        task["status"]!.GetValue<string>().Should().Be("completed", task.ToJsonString());
        task["route"]!["selected_route"]!.GetValue<string>().Should().Be("script");
        task["result"]!["output"]!["total"]!.GetValue<double>().Should().Be(6.5);
        task["result"]!["console"]!.AsArray().Select(l => l!.GetValue<string>()).Should().Equal("sum of 3 values");
    }

    [Fact]
    public async Task An_endless_loop_ends_timed_out_within_the_doctrines_limit()
    {
        using var client = await ClientAsync();

        var task = await RunAsync(client, "while (true) { }");

        task["status"]!.GetValue<string>().Should().Be("timed_out", task.ToJsonString());
        task["error"]!["code"]!.GetValue<string>().Should().Be("TIMED_OUT");
        task["error"]!["message"]!.GetValue<string>().Should().Contain("2000 ms");
        (await client.GetAsync("/health")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_memory_bomb_fails_on_the_doctrines_memory_limit()
    {
        using var client = await ClientAsync();

        var task = await RunAsync(client, "var hoard = []; while (true) { hoard.push(new Array(100000).fill('x').join('')); }");

        task["status"]!.GetValue<string>().Should().Be("failed", task.ToJsonString());
        task["error"]!["code"]!.GetValue<string>().Should().Be("MEMORY_LIMIT");
        task["error"]!["message"]!.GetValue<string>().Should().Contain("64 MB");
        (await client.GetAsync("/health")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("System.IO.File.ReadAllText('/etc/passwd')")]
    [InlineData("importNamespace('System.IO').File.ReadAllText('/etc/passwd')")]
    [InlineData("require('fs').readFileSync('/etc/passwd')")]
    [InlineData("fetch('http://127.0.0.1:1/')")]
    [InlineData("new XMLHttpRequest()")]
    [InlineData("console.log.constructor.constructor('return this')().System.Environment.Exit(1)")]
    [InlineData("console.GetType().Assembly")]
    [InlineData("input.GetType()")]
    public async Task Reaching_for_the_host_files_or_network_fails_the_script(string source)
    {
        using var client = await ClientAsync();

        var task = await RunAsync(client, source);

        task["status"]!.GetValue<string>().Should().Be("failed", task.ToJsonString());
        task["error"]!["code"]!.GetValue<string>().Should().Be("SCRIPT_ERROR");
        (await client.GetAsync("/health")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Atomics_wait_fails_at_once_and_pins_no_worker()
    {
        using var client = await ClientAsync();
        var waits = Enumerable.Range(0, 40).Select(_ => Script("Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0)")).ToArray();
        foreach (var wait in waits)
        {
            await client.SubmitAsync(wait);
        }

        foreach (var wait in waits)
        {
            var task = await client.FinishedAsync(wait.Id());
            task["status"]!.GetValue<string>().Should().Be("failed", task.ToJsonString());
            task["error"]!["code"]!.GetValue<string>().Should().Be("SCRIPT_ERROR");
        }

        (await RunAsync(client, "'still serving'"))["result"]!["output"]!.GetValue<string>().Should().Be("still serving");
    }

    [Theory]
    [InlineData("/(a+)+$/.test('a'.repeat(40) + '!')")]
    [InlineData("new RegExp('(x+x+)+y').test('x'.repeat(50))")]
    public async Task A_catastrophic_regular_expression_ends_timed_out_at_the_limit(string source)
    {
        using var client = await ClientAsync();

        var task = await RunAsync(client, source);

        task["status"]!.GetValue<string>().Should().Be("timed_out", task.ToJsonString());
        task["error"]!["code"]!.GetValue<string>().Should().Be("TIMED_OUT");
        task["error"]!["message"]!.GetValue<string>().Should().Contain("2000 ms");
    }

    [Fact]
    public async Task A_dynamic_import_is_a_script_error()
    {
        using var client = await ClientAsync();

        var task = await RunAsync(client, "import('fs')");

        task["status"]!.GetValue<string>().Should().Be("failed", task.ToJsonString());
        task["error"]!["code"]!.GetValue<string>().Should().Be("SCRIPT_ERROR");
        task["error"]!["message"]!.GetValue<string>().Should().Contain("Cannot import 'fs'");
    }

    [Theory]
    [InlineData("let a = 1; for (let i = 0; i < 62; i++) { a = [a]; } a", "OUTPUT_TOO_DEEP")]
    [InlineData("({ text: 'half a pair: \\ud800' })", "OUTPUT_NOT_JSON")]
    [InlineData("'x'.repeat(2 * 1024 * 1024)", "OUTPUT_TOO_LARGE")]
    public async Task An_output_that_cannot_be_stored_fails_the_task_with_a_code(string source, string code)
    {
        using var client = await ClientAsync();

        var task = await RunAsync(client, source);

        task["status"]!.GetValue<string>().Should().Be("failed", task.ToJsonString());
        task["error"]!["code"]!.GetValue<string>().Should().Be(code);
        task.Operations().Should().Equal("task.create", "task.execute");
        (await client.GetAsync("/health")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Console_lines_and_error_messages_with_a_lone_surrogate_are_kept_readable()
    {
        using var client = await ClientAsync();

        var logged = await RunAsync(client, "console.log('half a pair: \\ud800'); 1");
        var thrown = await RunAsync(client, "throw new Error('and \\udc00 here')");

        logged["status"]!.GetValue<string>().Should().Be("completed", logged.ToJsonString());
        logged["result"]!["console"]![0]!.GetValue<string>().Should().Be("half a pair: \uFFFD");
        thrown["status"]!.GetValue<string>().Should().Be("failed", thrown.ToJsonString());
        thrown["error"]!["message"]!.GetValue<string>().Should().Contain("and \uFFFD here");
    }

    [Fact]
    public async Task Deep_recursion_fails_on_the_recursion_limit()
    {
        using var client = await ClientAsync();

        var task = await RunAsync(client, "function down(n) { return down(n + 1); } down(0)");

        task["status"]!.GetValue<string>().Should().Be("failed", task.ToJsonString());
        task["error"]!["code"]!.GetValue<string>().Should().Be("RECURSION_LIMIT");
    }

    [Fact]
    public async Task A_thrown_error_fails_the_task_with_its_message()
    {
        using var client = await ClientAsync();

        var task = await RunAsync(client, "throw new Error('bad input')");

        task["status"]!.GetValue<string>().Should().Be("failed");
        task["error"]!["message"]!.GetValue<string>().Should().Contain("bad input");
        task["attempts"]!.GetValue<int>().Should().Be(1, "a script error is not transient");
    }

    [Theory]
    [InlineData("{\"source\":\"1\"}", "payload.language", "missing_field")]
    [InlineData("{\"language\":\"python\",\"source\":\"1\"}", "payload.language", "unknown_value")]
    [InlineData("{\"language\":\"javascript\"}", "payload.source", "missing_field")]
    [InlineData("{\"language\":\"javascript\",\"source\":\"function (\"}", "payload.source", "syntax_error")]
    public async Task A_bad_script_payload_is_400(string payload, string field, string issue)
    {
        using var client = await ClientAsync();
        var request = TaskRequest.Create("script", JsonNode.Parse(payload)!.AsObject());

        var body = await client.SubmitAsync(request, HttpStatusCode.BadRequest);

        body.ShouldBeError("VALIDATION_FAILED", issue);
        body["error"]!["details"]!["field"]!.GetValue<string>().Should().Be(field);
    }

    [Fact]
    public async Task A_running_script_is_cancelled_cooperatively_and_a_second_cancel_is_a_conflict()
    {
        var factory = new BluxFactory();
        await using var stop = HostStop.Owned(factory);
        using var client = await factory.AdminClientAsync();
        await client.SetConstraintsAsync(maxExecutionTime: "60s");
        var request = Script("while (true) { }");
        await client.SubmitAsync(request);
        await client.ReachesAsync(request.Id(), "running");

        var response = await client.ActAsync(request.Id(), "cancel", "no longer needed");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var task = await response.BodyAsync();
        task["status"]!.GetValue<string>().Should().Be("cancelled", task.ToJsonString());
        task["cancel_requested_by"]!.GetValue<string>().Should().EndWith(":admin");
        task.Operations().Should().Equal("task.create", "task.cancel", "task.execute");
        task["audit_trail"]![1]!["data"]!["effect"]!.GetValue<string>().Should().Be("stop_requested");
        (await client.EventTypesAsync(request.Id())).Should().EndWith("TaskFailed");

        var again = await client.ActAsync(request.Id(), "cancel");
        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await again.BodyAsync()).ShouldBeError("CONFLICT", "invalid_transition");
    }

    [Fact]
    public async Task A_queued_task_behind_a_busy_worker_is_cancelled_before_it_runs()
    {
        var factory = new BluxFactory();
        await using var stop = HostStop.Owned(factory);
        factory.Settings["Blux:Lite:Workers"] = "1";
        using var client = await factory.AdminClientAsync();
        await client.SetConstraintsAsync(maxExecutionTime: "60s");
        var blocker = Script("while (true) { }");
        await client.SubmitAsync(blocker);
        await client.ReachesAsync(blocker.Id(), "running");
        var waiting = TaskRequest.Create("echo");
        await client.SubmitAsync(waiting);
        (await client.GetTaskAsync(waiting.Id()))["status"]!.GetValue<string>().Should().Be("queued");

        var response = await client.ActAsync(waiting.Id(), "cancel");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var task = await response.BodyAsync();
        task["status"]!.GetValue<string>().Should().Be("cancelled");
        task["started_at"].Should().BeNull("it never ran");
        task.Operations().Should().Equal("task.create", "task.cancel");
        (await client.ActAsync(blocker.Id(), "cancel")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetTaskAsync(waiting.Id()))["status"]!.GetValue<string>().Should().Be("cancelled", "a cancelled task stays cancelled when the worker frees up");
    }
}
