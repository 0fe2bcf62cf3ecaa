using Blux.Modules.Guard.Domain;
using Blux.SharedKernel.Collections;

namespace Blux.Modules.Guard.Audit;

/// <summary>
/// The last records the writer made durable, by audit id, so that reading a task's audit trail right
/// after it ran (the <c>?wait</c> answer, <c>GET /v1/tasks/{id}</c>) does not go back to the store.
/// Only rows already committed are added, by the writer alone; records are append-only, so a cached
/// row is the stored one. Bounded by count and by bytes (a verbose record holds the task's payload and
/// result): the oldest are dropped first. Verification and export always read the store.
/// </summary>
internal sealed class RecentAuditRecords(int capacity = RecentAuditRecords.DefaultCapacity, long maxBytes = RecentAuditRecords.DefaultMaxBytes)
{
    public const int DefaultCapacity = 16_384;

    /// <summary>64 MiB: the 16,384 records of some 6,000 tasks at the detailed level (about 3 KB each).</summary>
    public const long DefaultMaxBytes = 64L << 20;

    private readonly RecentlyWritten<AuditRecordRow> _byId = new(capacity, maxBytes, EstimatedBytes);

    public int Count => _byId.Count;

    public long Bytes => _byId.EstimatedBytes;

    public long MaxBytes => _byId.MaxBytes;

    public void Add(IReadOnlyList<AuditRecordRow> rows)
    {
        foreach (var row in rows)
        {
            _byId.Put(row.AuditId, row);
        }
    }

    public bool TryGet(string auditId, out AuditRecordRow row) => _byId.TryGet(auditId, out row!);

    /// <summary>The row object and its strings (UTF-16, with their headers).</summary>
    internal static long EstimatedBytes(AuditRecordRow row) =>
        200 + Text(row.AuditId) + Text(row.Timestamp) + Text(row.Service) + Text(row.Operation) + Text(row.Identity)
        + Text(row.InputHash) + Text(row.OutputHash) + Text(row.DoctrineFlagsApplied) + Text(row.RelatedEvents)
        + Text(row.Status) + Text(row.Data) + Text(row.PrevHash) + Text(row.RecordHash) + Text(row.KeyId) + Text(row.Signature);

    private static long Text(string? text) => text is null ? 0 : 22 + (2L * text.Length);
}
