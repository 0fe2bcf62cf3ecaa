using Blux.Modules.Lite.Contracts;
using Blux.Modules.Lite.Data;
using Blux.Modules.Lite.Domain;
using Blux.SharedKernel.Modules;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace Blux.UnitTests.Lite;

/// <summary>The batching writer on a real SQLite file: what it reads back from memory must be what the file holds.</summary>
public sealed class TaskStoreTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "blux-taskstore-" + Guid.NewGuid().ToString("N"));
    private IConfiguration _configuration = null!;
    private TaskStore _store = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["BLUX_DATA_PATH"] = _directory }).Build();
        await using (var db = new LiteDbContext(new DbContextOptionsBuilder<LiteDbContext>().UseSqlite(BluxPaths.SqliteConnectionString(_configuration, "lite")).Options))
        {
            await db.Database.MigrateAsync();
        }

        _store = new TaskStore(_configuration, NullLogger<TaskStore>.Instance);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Every_column_written_is_read_back_the_same_from_memory_and_from_the_file()
    {
        var task = TaskRecords.New(TaskStatuses.Accepted);
        task.PendingJson = "{\"action\":\"create\"}";
        (await _store.InsertAsync(task)).Should().BeTrue();

        var at = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        task.Status = TaskStatuses.Completed;
        task.ResultJson = "{\"ok\":true}";
        task.ErrorCode = "E";
        task.ErrorMessage = "message";
        task.Attempts = 2;
        task.AuditTrailJson = "[\"aud_1\",\"aud_2\"]";
        task.StartedAt = at;
        task.CompletedAt = at.AddSeconds(1);
        task.PendingJson = null;
        task.NotBefore = at.AddSeconds(2);
        task.DurationMs = 42;
        task.CancelRequestedBy = "user:bob";
        task.CancelRequestedAt = at.AddSeconds(3);
        task.ReviewedBy = "user:carol";
        task.ReviewedAt = at.AddSeconds(4);
        task.ReviewDecision = "approve";
        task.ReviewReason = "fine";
        (await _store.UpdateAsync(task)).Should().BeTrue();

        var fromMemory = await _store.FindAsync(task.TaskId, CancellationToken.None);
        await using var fresh = new TaskStore(_configuration, NullLogger<TaskStore>.Instance);
        var fromFile = await fresh.FindAsync(task.TaskId, CancellationToken.None);

        fromMemory.Should().BeEquivalentTo(task);
        fromFile.Should().BeEquivalentTo(task);
        fromFile!.Version.Should().Be(1);
    }

    [Fact]
    public async Task A_refused_write_leaves_the_row_as_the_last_applied_write_left_it()
    {
        var task = TaskRecords.New(TaskStatuses.Queued);
        await _store.InsertAsync(task);
        var stale = (await _store.FindAsync(task.TaskId, CancellationToken.None))!;

        task.Status = TaskStatuses.Running;
        (await _store.UpdateAsync(task)).Should().BeTrue();
        stale.Status = TaskStatuses.Cancelled;
        (await _store.UpdateAsync(stale)).Should().BeFalse("it was read before the other write");

        var row = (await _store.FindAsync(task.TaskId, CancellationToken.None))!;
        row.Status.Should().Be(TaskStatuses.Running);
        row.Version.Should().Be(task.Version);
        row.Status = TaskStatuses.Completed;
        (await _store.UpdateAsync(row)).Should().BeTrue("a row read after the last write carries its version");
    }

    [Fact]
    public async Task A_deleted_row_is_not_read_from_memory()
    {
        var task = TaskRecords.New(TaskStatuses.Accepted);
        await _store.InsertAsync(task);
        (await _store.DeleteAsync(task)).Should().BeTrue();

        (await _store.FindAsync(task.TaskId, CancellationToken.None)).Should().BeNull();
    }
}
