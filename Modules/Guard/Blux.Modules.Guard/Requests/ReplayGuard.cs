using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Blux.Modules.Guard.Requests;

/// <summary>
/// Remembers, for twice the freshness window, which body each identity sent under each task_id it
/// chose. The same body again is a harmless retry; another body under the same task_id is a replay
/// and refused. Older requests are already refused by the freshness check, and stored tasks by Lite's
/// idempotency.
/// <para>
/// Entries are forgotten in the order they were written, as their time passes: each request pays for
/// the few entries that expired since the last one, never for a walk over all of them. The memory is
/// bounded in bytes (<see cref="GuardOptions.ReplayMemoryBytes"/>); beyond it the oldest go early
/// (Lite's idempotency still refuses another body for a task that was stored).
/// </para>
/// <para>
/// An entry keeps no string: the identity and task id are folded into 128 bits of SHA-256, the body
/// hash into another 128, so every entry costs the same whatever the client sent. A collision of 128
/// bits of SHA-256 is out of reach, so it can neither forge a replay nor refuse a stranger's request.
/// </para>
/// </summary>
internal sealed class ReplayGuard
{
    /// <summary>
    /// What one entry costs on the heap: its dictionary node (key, value, link, hash: 80 bytes), its
    /// slot in the write-order queue (56) and its share of the dictionary's buckets and the queue's
    /// segments, which grow by doubling. 178 bytes measured at 200,000 entries (<c>ReplayGuardMemoryTests</c>).
    /// </summary>
    public const long BytesPerEntry = 192;

    private readonly ConcurrentDictionary<UInt128, Entry> _seen = new();
    private readonly ConcurrentQueue<(UInt128 Key, Entry Entry)> _written = new();
    private readonly Lock _pruning = new();
    private readonly TimeProvider _clock;
    private readonly long _memoryTicks;

    public ReplayGuard(TimeProvider clock, IOptions<GuardOptions> options)
    {
        _clock = clock;
        _memoryTicks = (options.Value.FreshnessWindow * 2).Ticks;
        MaxEntries = (int)Math.Clamp(options.Value.ReplayMemoryBytes / BytesPerEntry, 1, int.MaxValue);
    }

    /// <summary>The most task ids remembered at once: the byte budget over <see cref="BytesPerEntry"/>.</summary>
    public int MaxEntries { get; }

    /// <summary>How many task ids are remembered now.</summary>
    public int Count => _seen.Count;

    public long EstimatedBytes => (long)Count * BytesPerEntry;

    /// <summary>False when this identity already sent another body under this task_id.</summary>
    public bool TryRemember(string identity, string taskId, string bodyHash)
    {
        var now = _clock.GetUtcNow().UtcTicks;
        Prune(now);
        var key = Fold(identity, taskId);
        var body = Fold(bodyHash, string.Empty);
        var mine = new Entry(body, now + _memoryTicks);
        var stored = _seen.AddOrUpdate(
            key,
            _ => mine,
            (_, existing) => existing.ExpiresTicks <= now || existing.Body == body ? mine : existing);
        if (stored == mine)
        {
            _written.Enqueue((key, mine));
        }

        return stored.Body == body;
    }

    /// <summary>128 bits of SHA-256 over both strings, each preceded by its length so no two pairs share an input.</summary>
    private static UInt128 Fold(string first, string second)
    {
        var size = 8 + Encoding.UTF8.GetMaxByteCount(first.Length + second.Length);
        Span<byte> input = size <= 1024 ? stackalloc byte[size] : new byte[size];
        var firstLength = Encoding.UTF8.GetBytes(first, input[4..]);
        BinaryPrimitives.WriteInt32LittleEndian(input, firstLength);
        var secondLength = Encoding.UTF8.GetBytes(second, input[(8 + firstLength)..]);
        BinaryPrimitives.WriteInt32LittleEndian(input[(4 + firstLength)..], secondLength);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(input[..(8 + firstLength + secondLength)], digest);
        return BinaryPrimitives.ReadUInt128LittleEndian(digest);
    }

    /// <summary>Drops entries from the oldest written while they have expired (or while there are too many).</summary>
    private void Prune(long now)
    {
        // One caller prunes at a time; the others need not wait for it.
        if (!_pruning.TryEnter())
        {
            return;
        }

        try
        {
            while (_written.TryPeek(out var oldest) && (oldest.Entry.ExpiresTicks <= now || _written.Count > MaxEntries))
            {
                _written.TryDequeue(out _);
                // Only if the entry is still the one written then: a retry since has written a later one.
                _seen.TryRemove(new KeyValuePair<UInt128, Entry>(oldest.Key, oldest.Entry));
            }
        }
        finally
        {
            _pruning.Exit();
        }
    }

    /// <summary>The body's fold and when the entry expires; two writes of one body differ by their expiry.</summary>
    private readonly record struct Entry(UInt128 Body, long ExpiresTicks);
}
