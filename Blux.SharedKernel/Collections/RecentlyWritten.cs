using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Blux.SharedKernel.Collections;

/// <summary>
/// What a single writer wrote last, by key: at most <c>capacity</c> keys, the first written forgotten
/// first (writing a key again replaces its value and keeps its place). One writer at a time; any
/// number of readers. For stores that answer the reads following their own writes from memory.
/// </summary>
public sealed class RecentlyWritten<TValue>(int capacity)
    where TValue : class
{
    private readonly ConcurrentDictionary<string, TValue> _values = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public int Count => _values.Count;

    public bool TryGet(string key, [MaybeNullWhen(false)] out TValue value) => _values.TryGetValue(key, out value);

    /// <summary>Keeps <paramref name="value"/> as the key's latest. Writer only.</summary>
    public void Put(string key, TValue value)
    {
        var known = _values.ContainsKey(key);
        _values[key] = value;
        if (known)
        {
            return;
        }

        _order.Enqueue(key);
        while (_order.Count > capacity)
        {
            _values.TryRemove(_order.Dequeue(), out _);
        }
    }

    /// <summary>Drops the key's value, so it is read from the store again. Writer only.</summary>
    public void Forget(string key) => _values.TryRemove(key, out _);
}
