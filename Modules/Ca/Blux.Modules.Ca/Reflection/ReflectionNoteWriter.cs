using Blux.Modules.Ca.Data;
using Blux.Modules.Ca.Domain;
using Blux.SharedKernel.Errors;
using Blux.SharedKernel.Stores;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Blux.Modules.Ca.Reflection;

/// <summary>
/// The one writer of Ca's notes: callers hand over a note and wait; the writer saves whatever has
/// queued up in one transaction. Concurrent reflections would otherwise each take SQLite's write lock
/// in turn, and a connection that finds it taken sleeps 150 ms before trying again. A caller waits at
/// most the store timeout (<c>Blux:Ca:StoreTimeoutSeconds</c>, else Guard's): past it the reflection,
/// and the request it serves, fail with 503 instead of waiting on a stalled disk; a note saved later
/// is only a note no task refers to.
/// </summary>
internal sealed class ReflectionNoteWriter : IGroupCommitBatch<ReflectionRecord, bool>
{
    private const int MaxBatch = 256;
    private readonly IServiceScopeFactory _scopes;
    private readonly GroupCommitWriter<ReflectionRecord, bool> _writer;
    private readonly TimeSpan _timeout;

    public ReflectionNoteWriter(IServiceScopeFactory scopes, IConfiguration configuration, IOptions<CaOptions> options, IOptions<StoreWriterOptions> writers, ILogger<ReflectionNoteWriter> logger)
    {
        _scopes = scopes;
        // Guard's store timeout unless Ca is given its own; both are checked at start.
        _timeout = TimeSpan.FromSeconds(options.Value.StoreTimeoutSeconds ?? configuration.GetValue("Blux:Guard:StoreTimeoutSeconds", 5));
        var refusal = new GroupCommitRefusal("blux-ca", "Ca is shutting down.", "The reflection note could not be saved.");
        _writer = new(this, new GroupCommitLimits(MaxBatch), refusal, writers.Value.DrainTimeout, "reflection note writer", logger);
    }

    public void Start() => _writer.Start();

    public Task StopAsync() => _writer.StopAsync();

    public async Task SaveAsync(ReflectionRecord record)
    {
        try
        {
            await _writer.WriteAsync(record).WaitAsync(_timeout);
        }
        catch (TimeoutException)
        {
            throw BluxException.Unavailable("reflection_store", $"The reflection store did not answer within {_timeout.TotalSeconds:0} s.");
        }
    }

    public ValueTask<GroupCommit<bool>?> SealAsync(IReadOnlyList<ReflectionRecord> items, bool closing, CancellationToken cancellationToken) =>
        GroupCommitBatch.AsIs<ReflectionRecord, bool>(items, SaveBatchAsync);

    private async ValueTask<IReadOnlyList<bool>> SaveBatchAsync(IReadOnlyList<ReflectionRecord> items)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CaDbContext>();
        db.Reflections.AddRange(items);
        await db.SaveChangesAsync();
        return items.Select(_ => true).ToList();
    }
}
