using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Blux.Modules.Guard.Requests;

/// <summary>
/// Remembers, for twice the freshness window, which body each identity sent under each task_id. The
/// same body again is a harmless retry; another body under the same task_id is a replay and refused.
/// Older requests are already refused by the freshness check, and stored tasks by Lite's idempotency.
/// </summary>
internal sealed class ReplayGuard(TimeProvider clock, IOptions<GuardOptions> options)
{
    private const int PruneAbove = 50_000;
    private readonly ConcurrentDictionary<(string Identity, string TaskId), (string BodyHash, DateTimeOffset Expires)> _seen = new();
    private readonly TimeSpan _memory = options.Value.FreshnessWindow * 2;

    /// <summary>False when this identity already sent another body under this task_id.</summary>
    public bool TryRemember(string identity, string taskId, string bodyHash)
    {
        var now = clock.GetUtcNow();
        if (_seen.Count > PruneAbove)
        {
            foreach (var (key, entry) in _seen)
            {
                if (entry.Expires <= now)
                {
                    _seen.TryRemove(key, out _);
                }
            }
        }

        var stored = _seen.AddOrUpdate(
            (identity, taskId),
            _ => (bodyHash, now + _memory),
            (_, existing) => existing.Expires <= now || existing.BodyHash == bodyHash ? (bodyHash, now + _memory) : existing);
        return stored.BodyHash == bodyHash;
    }
}
