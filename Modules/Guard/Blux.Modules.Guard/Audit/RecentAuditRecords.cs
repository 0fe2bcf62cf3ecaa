using System.Collections.Concurrent;
using Blux.Modules.Guard.Domain;

namespace Blux.Modules.Guard.Audit;

/// <summary>
/// The last records the writer made durable, by audit id, so that reading a task's audit trail right
/// after it ran (the <c>?wait</c> answer, <c>GET /v1/tasks/{id}</c>) does not go back to the store.
/// Only rows already committed are added; records are append-only, so a cached row is the stored one.
/// Bounded: the oldest are dropped first. Verification and export always read the store.
/// </summary>
internal sealed class RecentAuditRecords(int capacity = RecentAuditRecords.DefaultCapacity)
{
    public const int DefaultCapacity = 16_384;

    private readonly ConcurrentDictionary<string, AuditRecordRow> _byId = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    public void Add(IReadOnlyList<AuditRecordRow> rows)
    {
        foreach (var row in rows)
        {
            if (_byId.TryAdd(row.AuditId, row))
            {
                _order.Enqueue(row.AuditId);
            }
        }

        while (_order.Count > capacity && _order.TryDequeue(out var oldest))
        {
            _byId.TryRemove(oldest, out _);
        }
    }

    public bool TryGet(string auditId, out AuditRecordRow row) => _byId.TryGetValue(auditId, out row!);
}
