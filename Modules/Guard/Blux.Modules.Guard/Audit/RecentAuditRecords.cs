using Blux.Modules.Guard.Domain;
using Blux.SharedKernel.Collections;

namespace Blux.Modules.Guard.Audit;

/// <summary>
/// The last records the writer made durable, by audit id, so that reading a task's audit trail right
/// after it ran (the <c>?wait</c> answer, <c>GET /v1/tasks/{id}</c>) does not go back to the store.
/// Only rows already committed are added, by the writer alone; records are append-only, so a cached
/// row is the stored one. Bounded: the oldest are dropped first. Verification and export always read
/// the store.
/// </summary>
internal sealed class RecentAuditRecords(int capacity = RecentAuditRecords.DefaultCapacity)
{
    public const int DefaultCapacity = 16_384;

    private readonly RecentlyWritten<AuditRecordRow> _byId = new(capacity);

    public void Add(IReadOnlyList<AuditRecordRow> rows)
    {
        foreach (var row in rows)
        {
            _byId.Put(row.AuditId, row);
        }
    }

    public bool TryGet(string auditId, out AuditRecordRow row) => _byId.TryGet(auditId, out row!);
}
