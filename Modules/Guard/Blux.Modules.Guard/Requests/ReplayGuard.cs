using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Blux.Modules.Guard.Requests;

/// <summary>
/// Remembers, for twice the freshness window, which body each identity sent under each task_id it
/// chose. The same body again is a harmless retry; another body under the same task_id is a replay
/// and refused. Older requests are already refused by the freshness check, and stored tasks by Lite's
/// idempotency.
/// <para>
/// Entries are forgotten in the order they were written, as their time passes: each request pays for
/// the few entries that expired since the last one, never for a walk over all of them. At most
/// <see cref="MaxEntries"/> writes are kept; beyond that the oldest go early (Lite's idempotency still
/// refuses another body for a task that was stored).
/// </para>
/// </summary>
internal sealed class ReplayGuard(TimeProvider clock, IOptions<GuardOptions> options, int maxEntries = ReplayGuard.MaxEntries)
{
    /// <summary>About 10 minutes of client-chosen task ids at 1,600 a second.</summary>
    public const int MaxEntries = 1_000_000;

    private readonly ConcurrentDictionary<(string Identity, string TaskId), Entry> _seen = new();
    private readonly ConcurrentQueue<(string Identity, string TaskId, Entry Entry)> _written = new();
    private readonly Lock _pruning = new();
    private readonly TimeSpan _memory = options.Value.FreshnessWindow * 2;

    /// <summary>How many task ids are remembered now.</summary>
    public int Count => _seen.Count;

    /// <summary>False when this identity already sent another body under this task_id.</summary>
    public bool TryRemember(string identity, string taskId, string bodyHash)
    {
        var now = clock.GetUtcNow();
        Prune(now);
        var mine = new Entry(bodyHash, now + _memory);
        var stored = _seen.AddOrUpdate(
            (identity, taskId),
            _ => mine,
            (_, existing) => existing.Expires <= now || existing.BodyHash == bodyHash ? mine : existing);
        if (ReferenceEquals(stored, mine))
        {
            _written.Enqueue((identity, taskId, mine));
        }

        return stored.BodyHash == bodyHash;
    }

    /// <summary>Drops entries from the oldest written while they have expired (or while there are too many).</summary>
    private void Prune(DateTimeOffset now)
    {
        // One caller prunes at a time; the others need not wait for it.
        if (!_pruning.TryEnter())
        {
            return;
        }

        try
        {
            while (_written.TryPeek(out var oldest) && (oldest.Entry.Expires <= now || _written.Count > maxEntries))
            {
                _written.TryDequeue(out _);
                // Only if the entry is still the one written then: a retry since has written a later one.
                _seen.TryRemove(new KeyValuePair<(string, string), Entry>((oldest.Identity, oldest.TaskId), oldest.Entry));
            }
        }
        finally
        {
            _pruning.Exit();
        }
    }

    /// <summary>A reference type, so that "still the entry written then" is an identity check.</summary>
    private sealed record Entry(string BodyHash, DateTimeOffset Expires);
}
