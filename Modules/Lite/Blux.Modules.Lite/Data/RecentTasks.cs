using System.Collections.Concurrent;
using Blux.Modules.Lite.Domain;

namespace Blux.Modules.Lite.Data;

/// <summary>
/// Copies of the task rows <see cref="TaskStore"/> wrote last, at most <c>capacity</c> of them, the
/// oldest written forgotten first. Only the store's writer changes it (after each commit); anyone may
/// read, and each read gets a copy of its own to change.
/// </summary>
internal sealed class RecentTasks(int capacity)
{
    private readonly ConcurrentDictionary<string, TaskRecord> _rows = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public int Count => _rows.Count;

    public TaskRecord? TryGet(string taskId) => _rows.TryGetValue(taskId, out var row) ? row.Snapshot(row.Version) : null;

    /// <summary>Keeps <paramref name="row"/> (a copy nobody else holds) as the task's latest row. Writer only.</summary>
    public void Put(TaskRecord row)
    {
        var known = _rows.ContainsKey(row.TaskId);
        _rows[row.TaskId] = row;
        if (known)
        {
            return;
        }

        _order.Enqueue(row.TaskId);
        while (_order.Count > capacity)
        {
            _rows.TryRemove(_order.Dequeue(), out _);
        }
    }

    /// <summary>Drops the task's copy, so it is read from the file again. Writer only.</summary>
    public void Forget(string taskId) => _rows.TryRemove(taskId, out _);
}
