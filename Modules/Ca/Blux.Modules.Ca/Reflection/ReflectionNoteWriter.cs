using System.Threading.Channels;
using Blux.Modules.Ca.Data;
using Blux.Modules.Ca.Domain;
using Blux.SharedKernel.Errors;
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
internal sealed class ReflectionNoteWriter : IAsyncDisposable
{
    private const int MaxBatch = 256;
    private readonly Channel<(ReflectionRecord Record, TaskCompletionSource Done)> _queue =
        Channel.CreateUnbounded<(ReflectionRecord, TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger<ReflectionNoteWriter> _logger;
    private readonly Task _loop;
    private readonly TimeSpan _timeout;

    public ReflectionNoteWriter(IServiceScopeFactory scopes, IConfiguration configuration, IOptions<CaOptions> options, ILogger<ReflectionNoteWriter> logger)
    {
        _scopes = scopes;
        _logger = logger;
        // Guard's store timeout unless Ca is given its own; both are checked at start.
        _timeout = TimeSpan.FromSeconds(options.Value.StoreTimeoutSeconds ?? configuration.GetValue("Blux:Guard:StoreTimeoutSeconds", 5));
        _loop = Task.Run(RunAsync, CancellationToken.None);
    }

    public async Task SaveAsync(ReflectionRecord record)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite((record, done)))
        {
            throw BluxException.Unavailable("blux-ca", "Ca is shutting down.");
        }

        try
        {
            await done.Task.WaitAsync(_timeout);
        }
        catch (TimeoutException)
        {
            throw BluxException.Unavailable("reflection_store", $"The reflection store did not answer within {_timeout.TotalSeconds:0} s.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    private async Task RunAsync()
    {
        var batch = new List<(ReflectionRecord Record, TaskCompletionSource Done)>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            try
            {
                await using var scope = _scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<CaDbContext>();
                db.Reflections.AddRange(batch.Select(b => b.Record));
                await db.SaveChangesAsync();
                batch.ForEach(b => b.Done.TrySetResult());
            }
            catch (Exception exception)
            {
                _logger.LogError(exception, "A batch of {Count} reflection notes could not be saved", batch.Count);
                var failure = BluxException.Unavailable("blux-ca", "The reflection note could not be saved.");
                batch.ForEach(b => b.Done.TrySetException(failure));
            }
        }
    }
}
