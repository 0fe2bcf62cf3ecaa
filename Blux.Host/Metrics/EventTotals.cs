using System.Collections.Concurrent;

namespace Blux.Host.Metrics;

/// <summary>
/// Events published since start, by type, in memory: what Commander's live feed turns into tasks per
/// second and a change count, without scraping the process's own metrics.
/// </summary>
internal sealed class EventTotals
{
    private readonly ConcurrentDictionary<string, long> _byType = new(StringComparer.Ordinal);

    public void Add(string eventType) => _byType.AddOrUpdate(eventType, 1, (_, n) => n + 1);

    /// <summary>Events of these types published so far, from every source.</summary>
    public long Total(IReadOnlyCollection<string> eventTypes) =>
        _byType.Where(e => eventTypes.Contains(e.Key, StringComparer.Ordinal)).Sum(e => e.Value);
}
