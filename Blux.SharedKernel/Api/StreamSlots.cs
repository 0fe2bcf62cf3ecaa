using System.Collections.Concurrent;
using Blux.SharedKernel.Errors;
using Blux.SharedKernel.Identity;
using Microsoft.Extensions.Options;

namespace Blux.SharedKernel.Api;

/// <summary>
/// Counts the event streams each identity holds open. A stream lasts as long as its client keeps it, so a
/// request budget does not bound them: without this one token could open streams until the host runs out
/// of connections, threads or memory. Past <see cref="StreamOptions.MaxPerIdentity"/> a new one is refused
/// <c>429</c> before anything is written; the slot is given back when the stream ends however it ends.
/// </summary>
public sealed class StreamSlots(IOptions<StreamOptions> options)
{
    private readonly ConcurrentDictionary<string, int> _open = new(StringComparer.Ordinal);

    /// <summary>The streams an identity (its audit name) holds open now.</summary>
    public int OpenBy(string identity) => _open.GetValueOrDefault(identity);

    /// <summary>A slot for one more stream of <paramref name="caller"/>, to dispose when the stream ends.</summary>
    public IDisposable Take(Caller caller)
    {
        var identity = caller.AuditName;
        var limit = options.Value.MaxPerIdentity;
        while (true)
        {
            var open = _open.GetOrAdd(identity, 0);
            if (open >= limit)
            {
                throw new BluxException(
                    ErrorCodes.RateLimitExceeded,
                    $"Too many open streams: an identity may hold {limit} at once; close one first.",
                    new Dictionary<string, object?> { ["issue"] = "too_many_streams", ["limit"] = limit, ["policy"] = "streams" });
            }

            if (_open.TryUpdate(identity, open + 1, open))
            {
                return new Slot(this, identity);
            }
        }
    }

    private void Release(string identity)
    {
        while (true)
        {
            var open = _open[identity];
            // The last stream removes the entry, so identities that have come and gone leave nothing behind.
            if (open == 1 ? _open.TryRemove(KeyValuePair.Create(identity, 1)) : _open.TryUpdate(identity, open - 1, open))
            {
                return;
            }
        }
    }

    private sealed class Slot(StreamSlots slots, string identity) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release(identity);
            }
        }
    }
}
