using Blux.Modules.Ca.Data;
using Blux.Modules.Ca.Domain;
using Blux.Modules.Guard.Data;
using Blux.Modules.Guard.Domain;
using Blux.Modules.Reg.Data;
using Blux.Modules.Reg.Domain;
using Blux.SharedKernel.Stores;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Blux.UnitTests.Stores;

/// <summary>
/// The rows never changed after insert are positional records that EF Core builds through their
/// constructor: each is written through its module's migrated store and read back whole, every column
/// bound to its parameter, nulls and all.
/// </summary>
public sealed class AppendOnlyRowTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 1, 1, 12, 0, 0, 123, TimeSpan.Zero);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "blux-rows-" + Guid.NewGuid().ToString("N"));

    public AppendOnlyRowTests() => Directory.CreateDirectory(_directory);

    public void Dispose()
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
    }

    [Fact]
    public async Task A_reflection_record_reads_back_as_written()
    {
        var written = new ReflectionRecord("note_1", "task_1", "user:alice", "high", "review", """{"insight":"é \"q\""}""", At);

        (await RoundTripAsync<CaDbContext, ReflectionRecord>(written)).Should().Be(written);
    }

    [Fact]
    public async Task A_doctrine_revision_reads_back_as_written()
    {
        var written = new DoctrineRevision(7, """{"doctrine_version":7}""", "sha256-abc", At, "user:admin");

        (await RoundTripAsync<GuardDbContext, DoctrineRevision>(written)).Should().Be(written);
    }

    [Fact]
    public async Task An_event_log_row_reads_back_as_written_with_the_seq_the_store_gave_it()
    {
        var written = new EventLogRow("evt_1", TaskId: null, "KeyRotate", "aud_1", "2026-01-01T12:00:00.123Z", """{"key_id":"key_1"}""");

        var read = await RoundTripAsync<GuardDbContext, EventLogRow>(written);

        read.Seq.Should().Be(1);
        read.Should().Be(written with { Seq = 1 });
    }

    [Fact]
    public async Task A_request_signing_key_reads_back_as_written()
    {
        var written = new RequestSigningKey("usr_1", "kid-1", "x-value", "y-value", At);

        (await RoundTripAsync<RegDbContext, RequestSigningKey>(written)).Should().Be(written);
    }

    [Fact]
    public async Task A_host_secret_reads_back_as_written()
    {
        var written = new HostSecret(HostSecret.EventSigningKey, [1, 2, 3, 255], At);

        (await RoundTripAsync<RegDbContext, HostSecret>(written)).Should().BeEquivalentTo(written);
    }

    private async Task<TRow> RoundTripAsync<TContext, TRow>(TRow row)
        where TContext : ModuleDbContext
        where TRow : class
    {
        var builder = new DbContextOptionsBuilder<TContext>();
        ModuleStoreEngine.Use(builder, $"Data Source={Path.Combine(_directory, typeof(TContext).Name + ".db")}");
        TContext Create() => (TContext)Activator.CreateInstance(typeof(TContext), builder.Options)!;

        await using (var db = Create())
        {
            await db.Database.MigrateAsync();
            db.Set<TRow>().Add(row);
            await db.SaveChangesAsync();
        }

        await using (var db = Create())
        {
            return await db.Set<TRow>().AsNoTracking().SingleAsync();
        }
    }
}
