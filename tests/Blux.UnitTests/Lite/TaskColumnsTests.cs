using System.Reflection;
using System.Runtime.CompilerServices;
using Blux.Modules.Lite.Data;
using Blux.Modules.Lite.Domain;
using Blux.SharedKernel.Modules;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Blux.UnitTests.Lite;

/// <summary>
/// The fast path (<see cref="TaskColumns"/>, taken from the EF model) must write and read every column of
/// the tasks table as migrated, update exactly what may change after creation, and a row must read back
/// the same whichever of the fast path and EF wrote or read it.
/// </summary>
public sealed class TaskColumnsTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "blux-taskcolumns-" + Guid.NewGuid().ToString("N"));
    private IConfiguration _configuration = null!;

    private static readonly PropertyInfo[] Properties = typeof(TaskRecord).GetProperties().Where(p => p.CanWrite).ToArray();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["BLUX_DATA_PATH"] = _directory }).Build();
        await using var db = NewContext();
        await db.Database.MigrateAsync();
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp directory cleanup.
        }

        return Task.CompletedTask;
    }

    private LiteDbContext NewContext() =>
        new(new DbContextOptionsBuilder<LiteDbContext>().UseSqlite(BluxPaths.SqliteConnectionString(_configuration, "lite")).Options);

    private static IEntityType Model(LiteDbContext db) => db.Model.FindEntityType(typeof(TaskRecord))!;

    [Fact]
    public async Task The_fast_path_writes_and_reads_every_column_of_the_migrated_table()
    {
        var table = new List<string>();
        await using (var connection = new SqliteConnection(BluxPaths.SqliteConnectionString(_configuration, "lite")))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT name FROM pragma_table_info('tasks')";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                table.Add(reader.GetString(0));
            }
        }

        table.Should().NotBeEmpty();
        TaskColumns.All.Select(c => c.Name).Should().BeEquivalentTo(table, "the fast path names the columns the migrations made, no more, no fewer");
        TaskColumns.Insert.Parameters.Select(c => c.Name).Should().BeEquivalentTo(table, "the insert writes every column");
        using var db = NewContext();
        TaskColumns.All.Select(c => c.Mapped.Property.Name).Should().BeEquivalentTo(
            Model(db).GetProperties().Select(p => p.Name), "every property EF maps is one the fast path writes and reads");
    }

    [Fact]
    public async Task A_row_reads_back_the_same_through_the_fast_path_and_through_EF()
    {
        var written = Distinct(seed: 1, "task_columns");
        await using (var store = NewStore())
        {
            (await store.InsertAsync(written)).Should().BeTrue();
        }

        AssertSame(await ReadWithEfAsync(written.TaskId), written, "EF reads what the fast path inserted");
        AssertSame(await ReadFromFileAsync(written.TaskId), written, "the fast path reads back what it inserted");

        // Every mutable column changes; the fixed ones must stay as inserted.
        var changed = Distinct(seed: 2, written.TaskId);
        changed.Version = written.Version;
        await using (var store = NewStore())
        {
            (await store.UpdateAsync(changed)).Should().BeTrue();
        }

        // What TaskRecord lets change after creation (a settable property) is what an update writes.
        var expected = Distinct(seed: 1, written.TaskId);
        foreach (var property in Properties.Where(p => !IsInitOnly(p)))
        {
            property.SetValue(expected, property.GetValue(changed));
        }

        expected.Version = written.Version + 1;
        AssertSame(await ReadWithEfAsync(written.TaskId), expected, "EF reads what the fast path updated");
        AssertSame(await ReadFromFileAsync(written.TaskId), expected, "the fast path reads back what it updated");

        // And the other way round: a row EF writes, the fast path reads whole.
        var byEf = Distinct(seed: 3, "task_written_by_ef");
        await using (var db = NewContext())
        {
            db.Add(byEf);
            await db.SaveChangesAsync();
        }

        AssertSame(await ReadFromFileAsync(byEf.TaskId), byEf, "the fast path reads what EF wrote");
    }

    private TaskStore NewStore()
    {
        var store = new TaskStore(_configuration, Options.Create(new Blux.Modules.Lite.LiteOptions()), NullLogger<TaskStore>.Instance);
        store.Start();
        return store;
    }

    private async Task<TaskRecord> ReadWithEfAsync(string taskId)
    {
        await using var db = NewContext();
        return await db.Set<TaskRecord>().AsNoTracking().SingleAsync(t => t.TaskId == taskId);
    }

    /// <summary>A new store remembers nothing, so it reads the row from the file.</summary>
    private async Task<TaskRecord> ReadFromFileAsync(string taskId)
    {
        await using var store = NewStore();
        return (await store.FindAsync(taskId, CancellationToken.None))!;
    }

    private static bool IsInitOnly(PropertyInfo property) =>
        property.SetMethod!.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit));

    private static void AssertSame(TaskRecord actual, TaskRecord expected, string because)
    {
        foreach (var property in Properties)
        {
            property.GetValue(actual).Should().Be(property.GetValue(expected), $"{because}: {property.Name}");
        }
    }

    /// <summary>A row whose every column holds a value of its own (no nulls, no defaults), different for each seed.</summary>
    private static TaskRecord Distinct(int seed, string taskId)
    {
        var task = TaskRecords.New("queued", taskId);
        var n = 0;
        foreach (var property in Properties.Where(p => p.Name is not nameof(TaskRecord.TaskId)))
        {
            n++;
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            object value = type == typeof(string) ? $"{property.Name}-{seed}"
                : type == typeof(int) ? (seed * 100) + n
                : type == typeof(long) ? (seed * 100L) + n
                : type == typeof(DateTimeOffset) ? new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes((seed * 100) + n)
                : throw new InvalidOperationException($"Give {property.Name} ({type}) a distinct value here.");
            property.SetValue(task, value);
        }

        return task;
    }
}
