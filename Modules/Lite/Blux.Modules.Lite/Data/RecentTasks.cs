using Blux.Modules.Lite.Domain;
using Blux.SharedKernel.Collections;

namespace Blux.Modules.Lite.Data;

/// <summary>
/// Copies of the task rows <see cref="TaskStore"/> wrote last, at most <c>capacity</c> of them and
/// about <c>maxBytes</c>, the oldest written forgotten first. Only the store's writer changes it (after
/// each commit); anyone may read, and each read gets a copy of its own to change.
/// </summary>
internal sealed class RecentTasks(int capacity, long maxBytes = RecentTasks.DefaultMaxBytes)
{
    /// <summary>32 MiB: 1,024 rows of a few KB each, or some thirty rows with a 1 MiB payload and result.</summary>
    public const long DefaultMaxBytes = 32L << 20;

    private readonly RecentlyWritten<TaskRecord> _rows = new(capacity, maxBytes, EstimatedBytes);

    public int Count => _rows.Count;

    public long Bytes => _rows.EstimatedBytes;

    public long MaxBytes => _rows.MaxBytes;

    public TaskRecord? TryGet(string taskId) => _rows.TryGet(taskId, out var row) ? row.Snapshot(row.Version) : null;

    /// <summary>Keeps <paramref name="row"/> (a copy nobody else holds) as the task's latest row. Writer only.</summary>
    public void Put(TaskRecord row) => _rows.Put(row.TaskId, row);

    /// <summary>Drops the task's copy, so it is read from the file again. Writer only.</summary>
    public void Forget(string taskId) => _rows.Forget(taskId);

    /// <summary>The object and its strings (UTF-16, with their headers); values and dates are in the object.</summary>
    internal static long EstimatedBytes(TaskRecord row) =>
        320 + Text(row.TaskId) + Text(row.Type) + Text(row.Status) + Text(row.Identity) + Text(row.IdentityAudit)
        + Text(row.BodyHash) + Text(row.ContextJson) + Text(row.PayloadJson) + Text(row.RequirementsJson)
        + Text(row.DecisionJson) + Text(row.Route) + Text(row.RouteJson) + Text(row.ReflectionJson) + Text(row.ResultJson)
        + Text(row.ErrorCode) + Text(row.ErrorMessage) + Text(row.CreateAuditId) + Text(row.EventIdsJson)
        + Text(row.AuditTrailJson) + Text(row.PendingJson) + Text(row.CancelRequestedBy) + Text(row.ReviewedBy)
        + Text(row.ReviewDecision) + Text(row.ReviewReason);

    private static long Text(string? text) => text is null ? 0 : 22 + (2L * text.Length);
}
