using System.Net;
using System.Text.Json.Nodes;
using Blux.IntegrationTests.Infrastructure;
using Blux.IntegrationTests.Lite;
using Microsoft.Data.Sqlite;

namespace Blux.IntegrationTests.Stores;

/// <summary>
/// What the store check lets start and what it refuses, against Blux as a child process: a new data
/// directory starts; a clean stop records every store; a tail cut or an older copy after a clean stop
/// is refused; a SIGKILL is not a clean stop and the stores it left start; a lost manifest is rebuilt
/// from the stores (and audited) unless they disagree; a store Blux cannot open or a missing or foreign
/// master key stops the start with exit code 1; an operator's --accept-store-reset starts and is audited.
/// </summary>
[Collection(InstallationsCollection.Name)]
public sealed class StoreStartTests(Installations installations) : IDisposable
{
    private readonly List<string> _directories = [];

    public void Dispose()
    {
        foreach (var directory in _directories)
        {
            TestDirectory.Delete(directory);
        }
    }

    [Fact]
    public async Task A_fresh_data_directory_starts_and_every_clean_stop_records_each_store()
    {
        // As on a fresh clone: the data directory does not exist yet.
        var dataPath = Path.Combine(Track(TestDirectory.New()), "data");
        var host = await HostProcess.StartAsync(dataPath);
        await using (host)
        {
            File.Exists(Path.Combine(dataPath, "bootstrap-admin.json")).Should().BeTrue();
            (await host.StopAsync()).Should().Be(0);
        }

        var manifest = Manifest(dataPath);
        manifest["state"]!.GetValue<string>().Should().Be("stopped");
        foreach (var module in Installations.Modules)
        {
            var storeId = manifest["stores"]![module]!["store_id"]!.GetValue<string>();
            storeId.Should().StartWith("sto_");
            Scalar(dataPath, module, "SELECT store_id FROM blux_store").Should().Be(storeId, $"{module}.db carries its own id");
        }

        var guardMark = manifest["stores"]!["guard"]!["mark"]!;
        guardMark["checkpoint_seq"]!.GetValue<long>().Should().Be(guardMark["seq"]!.GetValue<long>(), "a clean stop writes a checkpoint at the head");

        var again = await HostProcess.StartAsync(dataPath);
        await using (again)
        {
            (await again.StopAsync()).Should().Be(0);
        }

        Manifest(dataPath)["generation"]!.GetValue<long>().Should().BeGreaterThan(manifest["generation"]!.GetValue<long>());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_tail_cut_after_a_clean_stop_is_refused(bool checkpointsToo)
    {
        var dataPath = Track(Installations.Copy(installations.Original));
        CutAuditTail(dataPath, checkpointsToo);

        var refusal = await RefusedAsync(dataPath, "guard", expectedExitCode: 2);

        refusal.Should().Contain("its tail was cut");
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public async Task An_older_copy_of_a_store_is_refused(string module)
    {
        var dataPath = Track(Installations.Copy(installations.Later));
        File.Copy(StoreDamage.StorePath(installations.Original, module), StoreDamage.StorePath(dataPath, module), overwrite: true);

        var refusal = await RefusedAsync(dataPath, module, expectedExitCode: 2);

        refusal.Should().Contain("the last clean stop").And.Contain("older copy");
    }

    [Fact]
    public async Task A_sigkill_is_not_a_clean_stop_and_the_stores_it_left_start()
    {
        var dataPath = Track(Installations.Copy(installations.Original));
        var taskId = await RunThenKillAsync(dataPath);
        Manifest(dataPath)["state"]!.GetValue<string>().Should().Be("running", "a killed host never wrote its clean stop");

        var host = await HostProcess.StartAsync(dataPath);
        await using (host)
        {
            using var client = await host.AdminClientAsync(dataPath);
            (await client.FinishedAsync(taskId))["status"]!.GetValue<string>().Should().Be("completed");
            (await host.StopAsync()).Should().Be(0);
        }
    }

    [Fact]
    public async Task An_older_guard_store_put_back_after_a_crash_is_refused_by_the_tasks_that_name_its_records()
    {
        var dataPath = Track(Installations.Copy(installations.Original));
        await RunThenKillAsync(dataPath);
        RestoreStore(installations.Original, dataPath, "guard");

        var refusal = await RefusedAsync(dataPath, "lite", expectedExitCode: 2, acceptModule: "guard");

        refusal.Should().Contain("which guard.db does not hold");
    }

    [Fact]
    public async Task An_older_reg_store_put_back_after_a_crash_is_refused_by_the_key_that_signed_the_chain()
    {
        var dataPath = Track(Installations.Copy(installations.Original));
        var host = await HostProcess.StartAsync(dataPath);
        await using (host)
        {
            using var client = await host.AdminClientAsync(dataPath);
            var rotated = await client.PostAsync("/v1/keys/rotate", Json.Content("{\"key_type\":\"audit_signing\",\"rotation_reason\":\"scheduled\"}"));
            rotated.StatusCode.Should().Be(HttpStatusCode.Created, await rotated.Content.ReadAsStringAsync());
            (await client.PostAsync("/v1/audit", Json.Content("{\"service\":\"billing\",\"operation\":\"invoice.sent\"}"))).EnsureSuccessStatusCode();
            host.Kill();
        }

        RestoreStore(installations.Original, dataPath, "reg");

        var refusal = await RefusedAsync(dataPath, "guard", expectedExitCode: 2, acceptModule: "reg");

        refusal.Should().Contain("which reg.db does not hold");
    }

    [Fact]
    public async Task A_deleted_manifest_is_rebuilt_from_the_stores_and_the_rebuild_is_audited()
    {
        var dataPath = Track(Installations.Copy(installations.Original));
        var manifestPath = Path.Combine(dataPath, "blux-manifest.json");
        var before = Manifest(dataPath);
        File.Delete(manifestPath);

        var host = await HostProcess.StartAsync(dataPath);
        await using (host)
        {
            using var client = await host.AdminClientAsync(dataPath);
            var record = await SingleRecordAsync(client, "store.manifest_rebuilt");
            record["data"]!["found"]!.GetValue<string>().Should().Be("it is missing");
            record["data"]!["stores"]!["guard"]!.GetValue<string>().Should().Be(before["stores"]!["guard"]!["store_id"]!.GetValue<string>());
            (await host.StopAsync()).Should().Be(0);
        }

        Manifest(dataPath)["installation_id"]!.GetValue<string>().Should().Be(before["installation_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_tail_cut_with_the_manifest_deleted_too_is_refused_from_the_copies_the_other_stores_hold()
    {
        var dataPath = Track(Installations.Copy(installations.Original));
        File.Delete(Path.Combine(dataPath, "blux-manifest.json"));
        CutAuditTail(dataPath, checkpointsToo: true);

        var refusal = await RefusedAsync(dataPath, "guard", expectedExitCode: 2);

        refusal.Should().Contain("its tail was cut");
    }

    public static TheoryData<string, string, string> AcceptedResets() => new()
    {
        { "guard", StoreDamage.Garbage, "replaced_by_new_store" },
        { "lite", StoreDamage.Deleted, "replaced_by_new_store" },
        { "ca", StoreDamage.OtherInstallation, "kept_as_found" },
        { "reg", StoreDamage.Truncated, "replaced_by_new_store" },
    };

    [Theory]
    [MemberData(nameof(AcceptedResets))]
    public async Task An_operator_accepting_a_damaged_store_starts_Blux_and_the_reset_is_audited(string module, string damage, string action)
    {
        var dataPath = Track(Installations.Copy(installations.Original));
        StoreDamage.Apply(damage, dataPath, module, installations.Other);
        var store = StoreDamage.StorePath(dataPath, module);
        var damaged = StoreDamage.Fingerprint(store);

        var host = await HostProcess.StartAsync(dataPath, arguments: ["--accept-store-reset", module]);
        await using (host)
        {
            using var client = await host.AdminClientAsync(dataPath);
            var data = (await SingleRecordAsync(client, "store.reset"))["data"]!;
            data["module"]!.GetValue<string>().Should().Be(module);
            data["file"]!.GetValue<string>().Should().Be(store);
            data["found"]!.GetValue<string>().Should().Contain(StoreDamage.ExpectedReason(damage, module));
            data["action"]!.GetValue<string>().Should().Be(action);
            data["expected_store_id"]!.GetValue<string>().Should().Be(Manifest(installations.Original)["stores"]![module]!["store_id"]!.GetValue<string>());
            if (data["moved_to"]?.GetValue<string>() is { } movedTo)
            {
                StoreDamage.Fingerprint(movedTo).Should().Be(damaged, "the damaged file is set aside, not deleted");
            }

            if (module != "reg")
            {
                // A new reg.db holds none of the keys that signed the old records; every other reset keeps the chain verifiable.
                var verify = await (await client.GetAsync("/v1/audit/verify")).BodyAsync();
                verify["valid"]!.GetValue<bool>().Should().BeTrue(verify.ToJsonString());
            }

            (await host.StopAsync()).Should().Be(0);
        }

        var again = await HostProcess.StartAsync(dataPath);
        await using (again)
        {
            (await again.StopAsync()).Should().Be(0, "once accepted, the store is what the manifest expects");
        }
    }

    [Fact]
    public async Task A_store_that_cannot_be_opened_stops_the_start_with_exit_code_1_naming_it()
    {
        var dataPath = Track(Installations.Copy(installations.Original));
        var store = StoreDamage.StorePath(dataPath, "guard");
        File.Delete(store);
        Directory.CreateDirectory(store);

        var refusal = await RefusedAsync(dataPath, "guard", expectedExitCode: 1, acceptable: false);

        refusal.Should().Contain("it is a directory");
    }

    [Fact]
    public async Task A_missing_master_key_stops_the_start_naming_it_and_no_new_key_is_written()
    {
        var dataPath = Track(Installations.Copy(installations.Original));
        var masterKey = Path.Combine(dataPath, "master.key");
        File.Delete(masterKey);

        var (exitCode, output) = await HostProcess.RunUntilExitAsync(dataPath);

        exitCode.Should().Be(1, string.Join(Environment.NewLine, output));
        output.Should().ContainSingle(l => l.Contains("Blux did not start", StringComparison.Ordinal))
            .Which.Should().Contain(masterKey + ": it is missing");
        File.Exists(masterKey).Should().BeFalse("a new key would open none of the keys in reg.db");
    }

    [Fact]
    public async Task Another_installations_master_key_stops_the_start_naming_it()
    {
        var dataPath = Track(Installations.Copy(installations.Original));
        var masterKey = Path.Combine(dataPath, "master.key");
        File.Copy(Path.Combine(installations.Other, "master.key"), masterKey, overwrite: true);

        var (exitCode, output) = await HostProcess.RunUntilExitAsync(dataPath);

        exitCode.Should().Be(1, string.Join(Environment.NewLine, output));
        output.Should().ContainSingle(l => l.Contains("Blux did not start", StringComparison.Ordinal))
            .Which.Should().Contain(masterKey + ": it does not open the keys");
    }

    [Fact]
    public async Task Accepting_a_store_that_does_not_exist_stops_the_start()
    {
        var dataPath = Track(Installations.Copy(installations.Original));

        var (exitCode, output) = await HostProcess.RunUntilExitAsync(dataPath, arguments: ["--accept-store-reset", "gaurd"]);

        exitCode.Should().Be(1, string.Join(Environment.NewLine, output));
        output.Should().ContainSingle(l => l.Contains("Blux did not start", StringComparison.Ordinal)).Which.Should().Contain("gaurd, which is not a store");
    }

    public static TheoryData<string> Modules() => new(Installations.Modules);

    private string Track(string dataPath)
    {
        _directories.Add(dataPath);
        return dataPath;
    }

    /// <summary>Runs a host expected to refuse; answers its one line, which names the store's file and the store to accept.</summary>
    private static async Task<string> RefusedAsync(string dataPath, string module, int expectedExitCode, string? acceptModule = null, bool acceptable = true)
    {
        var store = StoreDamage.StorePath(dataPath, module);
        var (exitCode, output) = await HostProcess.RunUntilExitAsync(dataPath);
        var report = string.Join(Environment.NewLine, output);
        exitCode.Should().Be(expectedExitCode, report);
        var refusal = output.Where(l => l.Contains("Blux did not start", StringComparison.Ordinal)).Should().ContainSingle(report).Subject;
        refusal.Should().Contain(store + ": ");
        if (acceptable)
        {
            refusal.Should().Contain($"--accept-store-reset {acceptModule ?? module}");
        }

        output.Should().NotContain(l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal), "a refusal is one line, not a stack trace");
        return refusal;
    }

    /// <summary>Starts a host, runs a task to its end, and kills the host (SIGKILL); answers the task's id.</summary>
    private static async Task<string> RunThenKillAsync(string dataPath)
    {
        var host = await HostProcess.StartAsync(dataPath);
        await using (host)
        {
            using var client = await host.AdminClientAsync(dataPath);
            var request = TaskRequest.Create("echo");
            await client.SubmitAsync(request);
            (await client.FinishedAsync(request.Id()))["status"]!.GetValue<string>().Should().Be("completed");
            host.Kill();
            return request.Id();
        }
    }

    /// <summary>Puts an installation's copy of a store back, without the journal the crash left beside the newer one.</summary>
    private static void RestoreStore(string from, string dataPath, string module)
    {
        var target = StoreDamage.StorePath(dataPath, module);
        File.Delete(target + "-wal");
        File.Delete(target + "-shm");
        File.Copy(StoreDamage.StorePath(from, module), target, overwrite: true);
    }

    private static void CutAuditTail(string dataPath, bool checkpointsToo)
    {
        var guard = StoreDamage.StorePath(dataPath, "guard");
        var head = Convert.ToInt64(Scalar(dataPath, "guard", "SELECT MAX(seq) FROM audit_records"));
        Execute(guard, $"DELETE FROM audit_records WHERE seq > {head - 2}");
        if (checkpointsToo)
        {
            Execute(guard, $"DELETE FROM audit_checkpoints WHERE seq > {head - 2}");
        }
    }

    private static async Task<JsonObject> SingleRecordAsync(HttpClient client, string operation)
    {
        var response = await client.GetAsync($"/v1/audit?operation={operation}");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var entries = (await response.BodyAsync())["entries"]!.AsArray();
        return entries.Should().ContainSingle().Subject!.AsObject();
    }

    private static JsonObject Manifest(string dataPath) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(dataPath, "blux-manifest.json")))!.AsObject();

    private static object? Scalar(string dataPath, string module, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={StoreDamage.StorePath(dataPath, module)};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static void Execute(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
