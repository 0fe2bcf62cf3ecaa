using System.Net;
using System.Text.Json.Nodes;
using Blux.IntegrationTests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Blux.IntegrationTests.Lite;

/// <summary>
/// Stops and restarts: a graceful stop lets short tasks finish and re-queues long ones; a restart
/// finishes what a crash left half done (the store is set as a crash would leave it) without running
/// any task twice to completion.
/// </summary>
public sealed class RecoveryTests : IDisposable
{
    private readonly string _dataPath = TestDirectory.New();

    public void Dispose() => TestDirectory.Delete(_dataPath);


    /// <summary>Runs an echo task to completion and stops the host; answers the task and its create record.</summary>
    private async Task<(string TaskId, string CreateAuditId)> CompletedEchoAsync()
    {
        await using var host = BluxFactory.On(_dataPath);
        using var client = await host.AdminClientAsync();
        var request = TaskRequest.Create("echo");
        var accepted = await client.SubmitAsync(request);
        (await client.FinishedAsync(request.Id()))["status"]!.GetValue<string>().Should().Be("completed");
        return (request.Id(), accepted["audit_id"]!.GetValue<string>());
    }

    private Task RewindToRunningAsync(string taskId, string createAuditId, int attempts, string? cancelRequestedBy = null, string? pendingJson = null) =>
        ExecuteOnLiteStoreAsync(
            _dataPath,
            "UPDATE tasks SET status = 'running', attempts = @attempts, result_json = NULL, completed_at = NULL, error_code = NULL, " +
            "audit_trail_json = @trail, cancel_requested_by = @cancel, pending_json = @pending WHERE task_id = @id",
            ("@attempts", attempts), ("@trail", $"[\"{createAuditId}\"]"), ("@cancel", cancelRequestedBy), ("@pending", pendingJson), ("@id", taskId));

    private async Task<JsonObject> AfterRestartAsync(string taskId, bool finished = true)
    {
        await using var host = BluxFactory.On(_dataPath);
        using var client = await host.AdminClientAsync();
        var task = finished ? await client.FinishedAsync(taskId) : await client.GetTaskAsync(taskId);
        var verify = await (await client.GetAsync("/v1/audit/verify")).BodyAsync();
        verify["valid"]!.GetValue<bool>().Should().BeTrue(verify.ToJsonString());
        return task;
    }

    [Fact]
    public async Task A_task_interrupted_by_a_crash_runs_again_and_completes_once()
    {
        var (taskId, createAuditId) = await CompletedEchoAsync();
        await RewindToRunningAsync(taskId, createAuditId, attempts: 1);

        var task = await AfterRestartAsync(taskId);

        task["status"]!.GetValue<string>().Should().Be("completed", task.ToJsonString());
        task["attempts"]!.GetValue<int>().Should().Be(2);
        task.Operations().Should().Equal("task.create", "task.execute", "task.execute");
        var interrupted = task["audit_trail"]![1]!;
        interrupted["status"]!.GetValue<string>().Should().Be("failure");
        interrupted["data"]!["error_code"]!.GetValue<string>().Should().Be("INTERRUPTED");
        task["audit_trail"]![2]!["status"]!.GetValue<string>().Should().Be("success");
    }

    [Fact]
    public async Task A_task_interrupted_on_its_last_attempt_fails_interrupted()
    {
        var (taskId, createAuditId) = await CompletedEchoAsync();
        await RewindToRunningAsync(taskId, createAuditId, attempts: 3);

        var task = await AfterRestartAsync(taskId);

        task["status"]!.GetValue<string>().Should().Be("failed");
        task["error"]!["code"]!.GetValue<string>().Should().Be("INTERRUPTED");
        task["attempts"]!.GetValue<int>().Should().Be(3);
        task.Operations().Should().Equal("task.create", "task.execute");
    }

    [Fact]
    public async Task A_task_whose_cancel_was_asked_before_the_crash_ends_cancelled()
    {
        var (taskId, createAuditId) = await CompletedEchoAsync();
        await RewindToRunningAsync(taskId, createAuditId, attempts: 1, cancelRequestedBy: "user:admin");

        var task = await AfterRestartAsync(taskId);

        task["status"]!.GetValue<string>().Should().Be("cancelled");
        task["attempts"]!.GetValue<int>().Should().Be(1);
    }

    [Fact]
    public async Task An_outcome_kept_before_the_crash_is_recorded_on_restart_without_running_the_route_again()
    {
        var (taskId, createAuditId) = await CompletedEchoAsync();
        var auditId = "aud_" + Guid.CreateVersion7().ToString("N");
        var pending = new JsonObject
        {
            ["action"] = "execute",
            ["from"] = "running",
            ["to"] = "completed",
            ["at"] = "2026-01-01T00:00:00.000Z",
            ["result_json"] = "{\"echo\":{\"kept\":true}}",
            ["duration_ms"] = 3,
            ["events"] = new JsonArray(),
            ["audit"] = new JsonObject
            {
                ["audit_id"] = auditId,
                ["service"] = "blux-lite",
                ["operation"] = "task.execute",
                ["identity"] = "user:admin",
                ["status"] = "success",
                ["audit_level"] = "basic",
                ["data"] = new JsonObject { ["task_id"] = taskId, ["task_status"] = "completed" },
            },
        };
        await RewindToRunningAsync(taskId, createAuditId, attempts: 1, pendingJson: pending.ToJsonString());

        var task = await AfterRestartAsync(taskId);

        task["status"]!.GetValue<string>().Should().Be("completed");
        task["result"]!["echo"]!["kept"]!.GetValue<bool>().Should().BeTrue("the kept outcome is recorded, not a new run's");
        task["attempts"]!.GetValue<int>().Should().Be(1);
        task["audit_trail"]!.AsArray().Select(r => r!["audit_id"]!.GetValue<string>()).Should().Equal(createAuditId, auditId);
    }

    [Fact]
    public async Task A_pending_run_in_the_text_an_earlier_version_stored_is_finished_on_restart()
    {
        var (taskId, createAuditId) = await CompletedEchoAsync();
        var auditId = "aud_" + Guid.CreateVersion7().ToString("N");

        // pending_json exactly as it is written today, member for member: the action and the audit level
        // are names, and a crash may leave them for a later version of Blux to finish.
        var stored =
            """{"action":"execute","from":"running","to":"completed","at":"2026-01-01T00:00:00.000Z","audit":{"audit_id":"AUDIT_ID","service":"blux-lite","operation":"task.execute","identity":"user:admin","input_hash":null,"output_hash":null,"doctrine_flags_applied":[],"related_events":[],"status":"success","duration_ms":0,"data":{"task_id":"TASK_ID","task_type":"echo","task_status":"completed","result":{"echo":{"stored":"before"}}},"audit_level":"verbose"},"events":[],"result_json":"{\"echo\":{\"stored\":\"before\"}}","error_code":null,"error_message":null,"duration_ms":4,"not_before":null,"actor":null,"reason":null,"audit_id":"AUDIT_ID"}"""
            .Replace("AUDIT_ID", auditId, StringComparison.Ordinal).Replace("TASK_ID", taskId, StringComparison.Ordinal);
        await RewindToRunningAsync(taskId, createAuditId, attempts: 1, pendingJson: stored);

        var task = await AfterRestartAsync(taskId);

        task["status"]!.GetValue<string>().Should().Be("completed");
        task["result"]!["echo"]!["stored"]!.GetValue<string>().Should().Be("before");
        task["attempts"]!.GetValue<int>().Should().Be(1, "the route is not run again");
        var record = task["audit_trail"]!.AsArray()[^1]!;
        record["audit_id"]!.GetValue<string>().Should().Be(auditId);
        record["operation"]!.GetValue<string>().Should().Be("task.execute");
        record["data"]!["audit_level"]!.GetValue<string>().Should().Be("verbose", "the level stored with the transition is the one its record is kept at");
        record["data"]!["result"]!["echo"]!["stored"]!.GetValue<string>().Should().Be("before", "verbose keeps the result");
    }

    [Fact]
    public async Task A_submission_cut_off_before_its_audit_record_is_dropped_as_never_accepted()
    {
        var (taskId, _) = await CompletedEchoAsync();
        var pending = new JsonObject
        {
            ["action"] = "create",
            ["from"] = "accepted",
            ["to"] = "queued",
            ["at"] = "2026-01-01T00:00:00.000Z",
            ["events"] = new JsonArray(),
            ["audit"] = new JsonObject
            {
                ["audit_id"] = "aud_" + Guid.CreateVersion7().ToString("N"),
                ["service"] = "blux-lite",
                ["operation"] = "task.create",
                ["identity"] = "user:admin",
                ["status"] = "success",
                ["audit_level"] = "basic",
            },
        };
        await ExecuteOnLiteStoreAsync(_dataPath, "UPDATE tasks SET status = 'accepted', pending_json = @p WHERE task_id = @id", ("@p", pending.ToJsonString()), ("@id", taskId));

        await using var host = BluxFactory.On(_dataPath);
        using var client = await host.AdminClientAsync();
        (await client.GetAsync($"/v1/tasks/{taskId}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_graceful_stop_lets_short_tasks_finish_and_requeues_long_ones_which_run_after_restart()
    {
        var settings = new Dictionary<string, string?> { ["Blux:Lite:ShutdownGraceSeconds"] = "1" };
        JsonObject shortTask, longTask;
        await using (var host = BluxFactory.On(_dataPath, settings))
        {
            using var client = await host.AdminClientAsync();
            shortTask = LiteApi.BusyScript(300);
            longTask = LiteApi.BusyScript(4_000);
            await client.SubmitAsync(longTask);
            await client.ReachesAsync(longTask.Id(), "running");
            await client.SubmitAsync(shortTask);
            await client.ReachesAsync(shortTask.Id(), "running");
        }

        await using var restarted = BluxFactory.On(_dataPath, settings);
        using var after = await restarted.AdminClientAsync();
        var finishedInGrace = await after.GetTaskAsync(shortTask.Id());
        finishedInGrace["status"]!.GetValue<string>().Should().Be("completed", "it ended within the grace period");
        finishedInGrace["attempts"]!.GetValue<int>().Should().Be(1);

        var resumed = await after.FinishedAsync(longTask.Id());
        resumed["status"]!.GetValue<string>().Should().Be("completed", resumed.ToJsonString());
        resumed["attempts"]!.GetValue<int>().Should().Be(2, "the attempt cut short by the stop counts");
        resumed.Operations().Should().Equal("task.create", "task.execute", "task.execute");
        resumed["audit_trail"]![1]!["data"]!["error_code"]!.GetValue<string>().Should().Be("INTERRUPTED");
    }

    /// <summary>Runs SQL on Lite's store while no host is running on it (to leave it as a crash would).</summary>
    private static async Task ExecuteOnLiteStoreAsync(string dataPath, string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(dataPath, "lite.db")};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        (await command.ExecuteNonQueryAsync()).Should().Be(1, sql);
    }
}
