using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Blux.SharedKernel.Collections;

/// <summary>
/// What a single writer wrote last, by key: at most <c>capacity</c> keys and about <c>maxBytes</c> of
/// values (as <c>sizeOf</c> estimates them), the first written forgotten first (writing a key again
/// replaces its value and keeps its place). A value larger than the whole budget is not kept. One
/// writer at a time; any number of readers. For stores that answer the reads following their own
/// writes from memory: the count bounds the common case, the bytes the worst (rows of 1 MiB payloads).
/// </summary>
public sealed class RecentlyWritten<TValue>(int capacity, long maxBytes, Func<TValue, long> sizeOf)
    where TValue : class
{
    /// <summary>What a key costs beside its value: its string, the dictionary node and the queue slot.</summary>
    private const long PerKeyOverhead = 120;

    private readonly ConcurrentDictionary<string, TValue> _values = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private long _bytes;

    public int Count => _values.Count;

    /// <summary>The estimated bytes held now (read by anyone, changed by the writer only).</summary>
    public long EstimatedBytes => Interlocked.Read(ref _bytes);

    public long MaxBytes => maxBytes;

    public bool TryGet(string key, [MaybeNullWhen(false)] out TValue value) => _values.TryGetValue(key, out value);

    /// <summary>Keeps <paramref name="value"/> as the key's latest. Writer only.</summary>
    public void Put(string key, TValue value)
    {
        var size = Cost(key, value);
        if (size > maxBytes)
        {
            Forget(key);
            return;
        }

        var known = _values.TryGetValue(key, out var previous);
        _values[key] = value;
        Interlocked.Add(ref _bytes, size - (known ? Cost(key, previous!) : 0));
        if (!known)
        {
            _order.Enqueue(key);
        }

        while (_order.Count > capacity || Interlocked.Read(ref _bytes) > maxBytes)
        {
            var oldest = _order.Dequeue();
            if (_values.TryRemove(oldest, out var removed))
            {
                Interlocked.Add(ref _bytes, -Cost(oldest, removed));
            }
        }
    }

    /// <summary>Drops the key's value, so it is read from the store again. Writer only.</summary>
    public void Forget(string key)
    {
        if (_values.TryRemove(key, out var removed))
        {
            Interlocked.Add(ref _bytes, -Cost(key, removed));
        }
    }

    private long Cost(string key, TValue value) => PerKeyOverhead + (2L * key.Length) + sizeOf(value);
}
