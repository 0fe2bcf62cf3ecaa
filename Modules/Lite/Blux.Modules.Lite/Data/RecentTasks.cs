using Blux.Modules.Lite.Domain;
using Blux.SharedKernel.Collections;

namespace Blux.Modules.Lite.Data;

/// <summary>
/// Copies of the task rows <see cref="TaskStore"/> wrote last, at most <c>capacity</c> of them, the
/// oldest written forgotten first. Only the store's writer changes it (after each commit); anyone may
/// read, and each read gets a copy of its own to change.
/// </summary>
internal sealed class RecentTasks(int capacity)
{
    private readonly RecentlyWritten<TaskRecord> _rows = new(capacity);

    public int Count => _rows.Count;

    public TaskRecord? TryGet(string taskId) => _rows.TryGet(taskId, out var row) ? row.Snapshot(row.Version) : null;

    /// <summary>Keeps <paramref name="row"/> (a copy nobody else holds) as the task's latest row. Writer only.</summary>
    public void Put(TaskRecord row) => _rows.Put(row.TaskId, row);

    /// <summary>Drops the task's copy, so it is read from the file again. Writer only.</summary>
    public void Forget(string taskId) => _rows.Forget(taskId);
}
