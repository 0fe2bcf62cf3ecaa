using System.Text.Json.Nodes;
using Blux.IntegrationTests.Infrastructure;
using Blux.IntegrationTests.Lite;
using Microsoft.Data.Sqlite;

namespace Blux.IntegrationTests.Stores;

/// <summary>
/// A stop under load, Blux as a child process: the four group-commit writers (tasks, audit, event log,
/// reflection notes) each drain within the drain timeout, and everything a client was told was accepted
/// is there after a restart. A writer the disk holds up past the timeout is given up, and the stop goes on.
/// </summary>
public sealed class WriterDrainTests : IDisposable
{
    private static readonly string[] Writers = ["task writer", "audit writer", "event log writer", "reflection note writer"];
    private readonly string _dataPath = TestDirectory.New();

    public void Dispose() => TestDirectory.Delete(_dataPath);

    // Every other task asks for Ca's note, so the note writer is busy too.
    private static JsonObject Work(int i) =>
        TaskRequest.Create("echo", sensitivity: "medium", auditLevel: "detailed", requireReflection: i % 2 == 0);

    [Fact]
    public async Task A_stop_under_load_drains_every_writer_in_time_and_a_restart_finds_everything_accepted()
    {
        IReadOnlyDictionary<string, JsonObject> accepted;
        await using (var host = await HostProcess.StartAsync(_dataPath, new Dictionary<string, string> { ["Blux__Stores__DrainTimeout"] = "00:00:20" }))
        {
            using var client = await host.AdminClientAsync(_dataPath);
            await using var load = new SubmissionLoad(client, Work);
            await load.UntilAcceptedAsync(150);

            // Submissions keep coming while Blux stops: the writers are busy when they are asked to drain.
            var exit = await host.StopAsync();
            await load.StopAsync();
            accepted = load.Accepted;

            var output = string.Join(Environment.NewLine, host.Output);
            exit.Should().Be(0, output);
            foreach (var writer in Writers)
            {
                host.Output.Should().Contain(line => line.Contains($"The {writer} drained and stopped"), $"the {writer} drained: {output}");
            }

            host.Output.Should().NotContain(line => line.Contains("did not drain within"));
        }

        await using var restarted = await HostProcess.StartAsync(_dataPath);
        using var after = await restarted.AdminClientAsync(_dataPath);
        var notes = new List<string>();
        foreach (var (taskId, request) in accepted)
        {
            var task = await after.FinishedAsync(taskId);
            task["audit_trail"]!.AsArray().Select(r => r!["operation"]!.GetValue<string>()).Should().Contain("task.create", $"task {taskId}'s submission was audited before its 202");
            (await after.EventTypesAsync(taskId)).Should().Contain("TaskStart", $"task {taskId}'s events were written before its 202");
            if (request["doctrine_requirements"]!["require_reflection"]!.GetValue<bool>())
            {
                notes.Add(task["reflection"]!["note_id"]!.GetValue<string>());
            }
        }

        notes.Should().NotBeEmpty();
        NotesInStore().Should().Contain(notes, "every note a task holds was saved by Ca");
        var verify = await (await after.GetAsync("/v1/audit/verify")).BodyAsync();
        verify["valid"]!.GetValue<bool>().Should().BeTrue(verify.ToJsonString());
    }

    [Fact]
    public async Task A_writer_the_disk_holds_up_at_a_stop_is_given_up_at_the_drain_timeout()
    {
        var settings = new Dictionary<string, string>
        {
            ["Blux__Stores__DrainTimeout"] = "00:00:01",
            // Long enough that only the drain timeout can end the audit writer's wait for the lock.
            ["Blux__Guard__StoreTimeoutSeconds"] = "60",
        };
        await using var host = await HostProcess.StartAsync(_dataPath, settings);
        (await host.AdminClientAsync(_dataPath)).Dispose();
        Task<int> exiting;
        using (HoldWriteLock("guard.db"))
        {
            // The chain's head is past its last checkpoint (the token just issued was audited): the stop
            // writes one, on guard.db, and finds it held.
            exiting = host.StopAsync();
            await Eventually.Async(() => host.Output.Any(line => line.Contains("The audit writer did not drain within 00:00:01")), "the audit writer gives up at the drain timeout");
        }

        var exit = await exiting;

        exit.Should().Be(0, string.Join(Environment.NewLine, host.Output));

        await using var restarted = await HostProcess.StartAsync(_dataPath);
        using var after = await restarted.AdminClientAsync(_dataPath);
        var verify = await (await after.GetAsync("/v1/audit/verify")).BodyAsync();
        verify["valid"]!.GetValue<bool>().Should().BeTrue("a checkpoint given up is not half written: " + verify.ToJsonString());
    }

    private IDisposable HoldWriteLock(string store)
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(_dataPath, store)};Pooling=False");
        connection.Open();
        using var begin = connection.CreateCommand();
        begin.CommandText = "BEGIN EXCLUSIVE;";
        begin.ExecuteNonQuery();
        return connection;
    }

    private List<string> NotesInStore()
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_dataPath, "ca.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT note_id FROM reflections";
        using var reader = command.ExecuteReader();
        var notes = new List<string>();
        while (reader.Read())
        {
            notes.Add(reader.GetString(0));
        }

        return notes;
    }
}
