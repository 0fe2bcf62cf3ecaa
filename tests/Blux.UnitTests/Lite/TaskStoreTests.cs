using Blux.Modules.Lite.Contracts;
using Blux.Modules.Lite.Data;
using Blux.Modules.Lite.Domain;
using Blux.SharedKernel.Modules;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

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

        _store = new TaskStore(_configuration, Options.Create(new Blux.Modules.Lite.LiteOptions()), NullLogger<TaskStore>.Instance);
        _store.Start();
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp directory cleanup.
        }
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
        await using var fresh = new TaskStore(_configuration, Options.Create(new Blux.Modules.Lite.LiteOptions()), NullLogger<TaskStore>.Instance);
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

    [Fact]
    public async Task A_write_ahead_log_grown_past_its_limit_under_a_long_reader_is_started_over_and_cut_back()
    {
        var log = new FileInfo(Path.Combine(_directory, "lite.db-wal"));
        var payload = new string('x', 1 << 20);
        await using (var reader = new SqliteConnection($"Data Source={Path.Combine(_directory, "lite.db")};Pooling=False"))
        {
            // A reader holding its snapshot keeps SQLite's own checkpoints from starting the log over.
            await reader.OpenAsync();
            await using var begin = reader.CreateCommand();
            begin.CommandText = "BEGIN; SELECT count(*) FROM tasks;";
            await begin.ExecuteScalarAsync();
            for (var i = 0; i < 80; i++)
            {
                var task = TaskRecords.New(TaskStatuses.Queued, $"task_big_{i}");
                task.PendingJson = payload;
                (await _store.InsertAsync(task)).Should().BeTrue();
            }

            log.Refresh();
            log.Length.Should().BeGreaterThan(TaskStore.JournalSizeLimit, "the reader held the log");
            await using var end = reader.CreateCommand();
            end.CommandText = "COMMIT;";
            await end.ExecuteNonQueryAsync();
        }

        (await _store.InsertAsync(TaskRecords.New(TaskStatuses.Queued, "task_after"))).Should().BeTrue();
        (await _store.InsertAsync(TaskRecords.New(TaskStatuses.Queued, "task_after_2"))).Should().BeTrue();

        log.Refresh();
        log.Length.Should().BeLessThanOrEqualTo(TaskStore.JournalSizeLimit);
        (await _store.FindAsync("task_big_0", CancellationToken.None)).Should().NotBeNull("nothing written is lost by starting the log over");
    }

    [Fact]
    public async Task Under_readers_that_never_all_stop_a_log_past_its_limit_is_still_started_over()
    {
        var log = new FileInfo(Path.Combine(_directory, "lite.db-wal"));
        var payload = new string('x', 1 << 20);
        using var stop = new CancellationTokenSource();

        // Two readers take turns so that one of them always holds a snapshot: SQLite's own checkpoints
        // then never find a moment to start the log over.
        var readers = Enumerable.Range(0, 2).Select(n => Task.Run(async () =>
        {
            await using var reader = new SqliteConnection($"Data Source={Path.Combine(_directory, "lite.db")};Pooling=False");
            await reader.OpenAsync();
            await Task.Delay(n * 15);
            while (!stop.IsCancellationRequested)
            {
                await using var read = reader.CreateCommand();
                read.CommandText = "BEGIN; SELECT count(*) FROM tasks;";
                await read.ExecuteScalarAsync();
                await Task.Delay(30);
                read.CommandText = "COMMIT;";
                await read.ExecuteNonQueryAsync();
            }
        })).ToArray();

        for (var i = 0; i < 80; i++)
        {
            var task = TaskRecords.New(TaskStatuses.Queued, $"task_big_{i}");
            task.PendingJson = payload;
            (await _store.InsertAsync(task)).Should().BeTrue();
        }

        // Writes go on, as under load, until the log is back within its limit (or 30 s have passed).
        var written = 0;
        await Eventually.Async(
            async () =>
            {
                (await _store.InsertAsync(TaskRecords.New(TaskStatuses.Queued, $"task_after_{written++}"))).Should().BeTrue();
                log.Refresh();
                return log.Length <= TaskStore.JournalSizeLimit;
            },
            "the write-ahead log is back within its limit");

        var size = log.Length;
        await stop.CancelAsync();
        await Task.WhenAll(readers);
        size.Should().BeLessThanOrEqualTo(TaskStore.JournalSizeLimit, "the writer started the log over while the readers went on");
    }
}
