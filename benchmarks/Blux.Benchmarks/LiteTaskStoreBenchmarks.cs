using BenchmarkDotNet.Attributes;
using Blux.Modules.Lite.Contracts;
using Blux.Modules.Lite.Data;
using Blux.Modules.Lite.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Blux.Benchmarks;

/// <summary>
/// Lite's own share of a task's cost: the five row writes of one task's life (insert with the pending
/// create, commit to queued, claim as running, pending outcome, commit to completed), for 32 tasks at
/// once as a loaded gateway makes them, through the batching <see cref="TaskStore"/> on a real SQLite file.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 2, iterationCount: 5)]
public class LiteTaskStoreBenchmarks
{
    private const int Concurrent = 32;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "blux-bench-" + Guid.NewGuid().ToString("N"));
    private TaskStore _store = null!;

    [GlobalSetup]
    public void Setup()
    {
        Directory.CreateDirectory(_directory);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["BLUX_DATA_PATH"] = _directory }).Build();
        using (var db = new LiteDbContext(new DbContextOptionsBuilder<LiteDbContext>().UseSqlite(BluxPathsConnection(configuration)).Options))
        {
            db.Database.Migrate();
        }

        _store = new TaskStore(configuration, Options.Create(new Blux.Modules.Lite.LiteOptions()), NullLogger<TaskStore>.Instance);
        _store.Start();
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>32 tasks' lives, concurrently; divide by 32 for one task.</summary>
    [Benchmark(OperationsPerInvoke = Concurrent)]
    public Task FiveWritesPerTask() => Task.WhenAll(Enumerable.Range(0, Concurrent).Select(_ => LifeAsync()));

    private async Task LifeAsync()
    {
        var task = NewTask();
        await _store.InsertAsync(task);
        foreach (var status in new[] { TaskStatuses.Queued, TaskStatuses.Running, TaskStatuses.Running, TaskStatuses.Completed })
        {
            task.Status = status;
            task.PendingJson = status == TaskStatuses.Running && task.StartedAt is not null ? "{\"action\":\"execute\"}" : null;
            task.StartedAt ??= status == TaskStatuses.Running ? DateTimeOffset.UtcNow : null;
            await _store.UpdateAsync(task);
        }
    }

    private static string BluxPathsConnection(IConfiguration configuration) =>
        Blux.SharedKernel.Modules.BluxPaths.SqliteConnectionString(configuration, "lite");

    private static TaskRecord NewTask() => new()
    {
        TaskId = "task_" + Guid.CreateVersion7().ToString("N"),
        Type = "echo",
        Status = TaskStatuses.Accepted,
        Identity = "admin",
        IdentityAudit = "user:admin",
        BodyHash = "sha256-" + new string('a', 64),
        ContextJson = "{\"user_id\":\"load\",\"environment\":\"development\",\"sensitivity\":\"low\"}",
        PayloadJson = "{\"message\":\"hello\",\"n\":1}",
        RequirementsJson = "{\"require_reflection\":false,\"sandbox_execution\":false,\"audit_level\":\"detailed\"}",
        DecisionJson = new string('d', 600),
        Route = "echo",
        RouteJson = new string('r', 300),
        MaxExecutionMs = 30_000,
        CreateAuditId = "aud_" + Guid.CreateVersion7().ToString("N"),
        EventIdsJson = "[]",
        AuditTrailJson = "[]",
        CreatedAt = DateTimeOffset.UtcNow,
        PendingJson = new string('p', 2_000),
    };
}
