using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Blux.IntegrationTests.Infrastructure;
using Blux.IntegrationTests.Lite;
using Xunit.Abstractions;

namespace Blux.IntegrationTests.Stores;

/// <summary>
/// <c>Blux.Host backup</c> and <c>restore</c> as an operator runs them: a backup taken while a child-process
/// Blux takes tasks without a pause restores into a new data directory that starts, verifies, and holds
/// every task answered before the backup began, each with its audit records; a restored set with one
/// store from an older backup is refused; damaged, unfinished or hostile backups and non-empty targets
/// are refused with one line and exit code 1, leaving nothing behind.
/// </summary>
[Collection(InstallationsCollection.Name)]
public sealed class BackupRestoreTests(Installations installations, ITestOutputHelper output) : IDisposable
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
    public async Task A_backup_taken_under_load_restores_every_answered_task_with_its_audit_records_and_verifies()
    {
        var dataPath = Track(TestDirectory.New());
        var root = Track(TestDirectory.New());
        var early = Path.Combine(root, "early");
        var backup = Path.Combine(root, "backup");
        var answered = new ConcurrentDictionary<string, DateTimeOffset>();
        DateTimeOffset backupBegan;
        await using (var host = await HostProcess.StartAsync(dataPath))
        {
            using var client = await host.AdminClientAsync(dataPath);
            (await client.PutDatasetAsync("sales", "region,amount\nnorth,10\nsouth,20\n")).EnsureSuccessStatusCode();
            using var stop = new CancellationTokenSource();
            var counter = 0;
            var submitters = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var request = Work(Interlocked.Increment(ref counter));
                    var response = await client.PostAsync("/v1/tasks", Json.Content(request.ToJsonString()));
                    if (response.StatusCode == HttpStatusCode.Accepted)
                    {
                        answered[request.Id()] = DateTimeOffset.UtcNow;
                    }
                }
            })).ToArray();

            await UntilAsync(() => answered.Count >= 30);
            (await RunAsync("backup", early, dataPath: dataPath)).ExitCode.Should().Be(0);
            await UntilAsync(() => answered.Count >= 80);
            backupBegan = DateTimeOffset.UtcNow;
            var (exitCode, stdout, stderr) = await RunAsync("backup", backup, dataPath: dataPath);
            var answeredDuring = answered.Values.Count(at => at >= backupBegan);
            stop.Cancel();
            await Task.WhenAll(submitters);
            exitCode.Should().Be(0, stderr);
            stdout.Should().Contain("Backed up installation").And.Contain("master.key").And.Contain("2 dataset files");
            output.WriteLine($"{answered.Count} tasks answered, {answeredDuring} of them while the backup ran: {stdout}");
        }

        Directory.EnumerateFiles(backup).Select(Path.GetFileName).Should().BeEquivalentTo(
            ["reg.db", "guard.db", "ca.db", "lite.db", "blux-manifest.json", "master.key", "blux-backup.json"]);
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(Path.Combine(backup, "master.key")).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        // A set whose lite.db comes from the earlier backup misses the tasks the later one's manifest names.
        var mixed = Path.Combine(root, "mixed");
        (await RunAsync("restore", backup, mixed)).ExitCode.Should().Be(0);
        File.Copy(Path.Combine(early, "lite.db"), Path.Combine(mixed, "lite.db"), overwrite: true);
        var (refusedCode, refusedOutput) = await HostProcess.RunUntilExitAsync(mixed);
        refusedCode.Should().Be(2, string.Join(Environment.NewLine, refusedOutput));
        refusedOutput.Should().Contain(line => line.Contains(Path.Combine(mixed, "lite.db")) && line.Contains("older copy"));

        var restored = Path.Combine(root, "restored");
        var restore = await RunAsync("restore", backup, restored);
        restore.ExitCode.Should().Be(0, restore.StandardError);
        restore.StandardOutput.Should().Contain($"into {restored}");
        Directory.EnumerateDirectories(root).Should().NotContain(d => Path.GetFileName(d).Contains("restoring"), "the staging directory became the data directory");

        await using var second = await HostProcess.StartAsync(restored);
        using var after = await second.AdminClientAsync(dataPath);
        var verify = await (await after.GetAsync("/v1/audit/verify")).BodyAsync();
        verify["valid"]!.GetValue<bool>().Should().BeTrue(verify.ToJsonString());
        second.Output.Should().Contain(line => line.Contains("The stores are a backup taken at"));

        foreach (var taskId in answered.Where(a => a.Value < backupBegan).Select(a => a.Key))
        {
            var response = await after.GetAsync($"/v1/tasks/{taskId}");
            response.StatusCode.Should().Be(HttpStatusCode.OK, $"task {taskId} was answered before the backup began");
            (await response.BodyAsync()).Operations().Should().Contain("task.create", $"task {taskId} is there with its audit records");
        }

        var restoredTasks = await AllTaskIdsAsync(after);
        restoredTasks.Should().HaveCountGreaterThanOrEqualTo(answered.Values.Count(at => at < backupBegan));
        foreach (var taskId in restoredTasks)
        {
            (await after.GetTaskAsync(taskId)).Operations().Should().Contain("task.create", $"no task is restored without its audit records ({taskId})");
        }

        var datasets = await (await after.GetAsync("/v1/datasets")).BodyAsync();
        datasets.ToJsonString().Should().Contain("\"sales\"");
    }

    [Fact]
    public async Task A_backup_refuses_a_target_that_is_not_empty_and_a_data_directory_without_blux()
    {
        var target = Track(TestDirectory.New());
        await File.WriteAllTextAsync(Path.Combine(target, "notes.txt"), "mine");
        var data = Track(Installations.Copy(installations.Original));

        var (exitCode, stdout, stderr) = await RunAsync("backup", target, dataPath: data);
        exitCode.Should().Be(1);
        stdout.Should().BeEmpty();
        stderr.Trim().Should().Be($"backup: {target} exists and is not empty; a backup goes into a new or empty directory");
        Directory.EnumerateFileSystemEntries(target).Should().ContainSingle();

        var nothing = Track(TestDirectory.New());
        var elsewhere = Path.Combine(Track(TestDirectory.New()), "backup");
        var refused = await RunAsync("backup", elsewhere, dataPath: nothing);
        refused.ExitCode.Should().Be(1);
        refused.StandardError.Should().Contain("is not the data directory of a Blux that has started");
        Directory.Exists(elsewhere).Should().BeFalse("a refused backup leaves nothing behind");

        var inside = await RunAsync("backup", Path.Combine(data, "backups"), dataPath: data);
        inside.ExitCode.Should().Be(1);
        inside.StandardError.Should().Contain("is inside the data directory");
    }

    [Fact]
    public async Task A_damaged_unfinished_or_hostile_backup_and_a_target_that_is_not_empty_are_refused_by_restore()
    {
        var root = Track(TestDirectory.New());
        var backup = Path.Combine(root, "backup");
        // A copy: the backup opens the stores, and other tests copy the shared installation meanwhile.
        var original = Track(Installations.Copy(installations.Original));
        (await RunAsync("backup", backup, dataPath: original)).ExitCode.Should().Be(0);

        var damaged = CopyOf(backup, Path.Combine(root, "damaged"));
        await using (var file = new FileStream(Path.Combine(damaged, "guard.db"), FileMode.Open, FileAccess.ReadWrite))
        {
            file.Seek(-100, SeekOrigin.End);
            file.WriteByte(0x5A);
        }

        var unfinished = CopyOf(backup, Path.Combine(root, "unfinished"));
        File.Delete(Path.Combine(unfinished, "blux-backup.json"));

        var hostile = CopyOf(backup, Path.Combine(root, "hostile"));
        var description = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(hostile, "blux-backup.json")))!;
        description["files"]!.AsArray().Add(new JsonObject { ["path"] = "../../etc/cron.d/x.db", ["bytes"] = 1, ["sha256"] = "00" });
        await File.WriteAllTextAsync(Path.Combine(hostile, "blux-backup.json"), description.ToJsonString());

        var nulls = CopyOf(backup, Path.Combine(root, "nulls"));
        await File.WriteAllTextAsync(Path.Combine(nulls, "blux-backup.json"), "{\"format\":1,\"installation_id\":\"ins_x\",\"taken_at\":\"2026-11-30T08:00:00Z\",\"stores\":[],\"master_key_included\":true,\"files\":[{\"path\":null,\"bytes\":1,\"sha256\":null}]}");

        var incomplete = CopyOf(backup, Path.Combine(root, "incomplete"));
        File.Delete(Path.Combine(incomplete, "reg.db"));

        foreach (var (source, expected) in new[]
        {
            (damaged, "guard.db is not the file the backup took"),
            (unfinished, "blux-backup.json is missing: this is not a Blux backup, or one that did not finish"),
            (hostile, "names \"../../etc/cron.d/x.db\", which is not a file a Blux backup holds"),
            (incomplete, "reg.db is missing: the backup is not whole"),
            (nulls, "lists a file without its path or SHA-256"),
        })
        {
            var target = Path.Combine(root, "target-" + Path.GetFileName(source));
            var (exitCode, _, stderr) = await RunAsync("restore", source, target);
            exitCode.Should().Be(1, source);
            stderr.Should().StartWith("restore: ").And.Contain(expected);
            stderr.Trim().Split('\n').Should().ContainSingle();
            Directory.Exists(target).Should().BeFalse("a refused restore leaves no data directory");
        }

        Directory.EnumerateDirectories(root).Should().NotContain(d => Path.GetFileName(d).Contains("restoring"), "nothing is left half-copied");

        var occupied = Path.Combine(root, "occupied");
        Directory.CreateDirectory(occupied);
        await File.WriteAllTextAsync(Path.Combine(occupied, "reg.db"), "a store already there");
        var refused = await RunAsync("restore", backup, occupied);
        refused.ExitCode.Should().Be(1);
        refused.StandardError.Should().Contain($"{occupied} exists and is not empty");
        (await File.ReadAllTextAsync(Path.Combine(occupied, "reg.db"))).Should().Be("a store already there");

        // An empty directory (a mounted volume) is restored into, and the set starts.
        var empty = Path.Combine(root, "empty");
        Directory.CreateDirectory(empty);
        (await RunAsync("restore", backup, empty)).ExitCode.Should().Be(0);
        await using var host = await HostProcess.StartAsync(empty);
        using var client = await host.AdminClientAsync(original);
        var verify = await (await client.GetAsync("/v1/audit/verify")).BodyAsync();
        verify["valid"]!.GetValue<bool>().Should().BeTrue(verify.ToJsonString());
    }

    private static JsonObject Work(int i)
    {
        switch (i % 5)
        {
            case 0:
                return LiteApi.BusyScript(50);
            case 1:
                var reflected = TaskRequest.Create("echo", sensitivity: "medium", requireReflection: true);
                return reflected;
            default:
                return TaskRequest.Create("echo", auditLevel: "detailed");
        }
    }

    private static async Task<List<string>> AllTaskIdsAsync(HttpClient client)
    {
        var ids = new List<string>();
        string? token = null;
        do
        {
            var page = await (await client.GetAsync("/v1/tasks?page_size=200" + (token is null ? string.Empty : "&page_token=" + Uri.EscapeDataString(token)))).BodyAsync();
            ids.AddRange(page["tasks"]!.AsArray().Select(t => t!["task_id"]!.GetValue<string>()));
            token = page["next_page_token"]?.GetValue<string>();
        }
        while (token is not null);

        return ids;
    }

    private static Task UntilAsync(Func<bool> condition) =>
        Eventually.Async(condition, "enough tasks are accepted", TimeSpan.FromSeconds(60));

    /// <summary><c>Blux.Host backup|restore …</c> as a child process on <paramref name="dataPath"/> (the settings' data directory).</summary>
    private Task<(int ExitCode, string StandardOutput, string StandardError)> RunAsync(string command, string first, string? second = null, string? dataPath = null)
    {
        var info = HostProcess.StartInfo(dataPath ?? Track(TestDirectory.New()), null, second is null ? [command, first] : [command, first, second]);
        return HostProcess.RunToExitAsync(info);
    }

    private static string CopyOf(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        return target;
    }

    private string Track(string directory)
    {
        _directories.Add(directory);
        return directory;
    }
}
