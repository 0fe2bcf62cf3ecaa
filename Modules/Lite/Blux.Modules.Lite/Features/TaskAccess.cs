using Blux.Modules.Lite.Contracts;
using Blux.Modules.Lite.Data;
using Blux.Modules.Lite.Domain;
using Blux.SharedKernel.Errors;
using Blux.SharedKernel.Identity;

namespace Blux.Modules.Lite.Features;

/// <summary>
/// Who sees which task. tasks:read shows an identity its own tasks; tasks:read_all every task; an
/// identity holding tasks:approve also sees the tasks waiting for a review and those it reviewed or
/// cancelled, since it must read what it decides on. Anyone else is answered exactly as for an id never
/// used (404, no audit record), so the existence of another identity's task cannot be probed.
/// </summary>
internal sealed class TaskAccess(TaskStore store)
{
    /// <summary>The task if the caller may see it; 404 otherwise, whether or not it exists.</summary>
    public async Task<TaskRecord> FindAsync(Caller caller, string taskId, CancellationToken cancellationToken)
    {
        var task = await store.FindAsync(taskId, cancellationToken);
        return task is not null && MaySee(caller, task) ? task : throw BluxException.NotFound("task", taskId);
    }

    public static bool MaySee(Caller caller, TaskRecord task) =>
        task.Identity == caller.IdentityId
        || caller.HasScope(Scopes.TasksReadAll)
        || (caller.HasScope(Scopes.TasksApprove)
            && (task.Status == TaskStatuses.AwaitingApproval || task.ReviewedBy == caller.AuditName || task.CancelRequestedBy == caller.AuditName));

    /// <summary>The same rule as <see cref="MaySee"/>, as a filter the store can run.</summary>
    public static IQueryable<TaskRecord> VisibleTo(IQueryable<TaskRecord> tasks, Caller caller)
    {
        if (caller.HasScope(Scopes.TasksReadAll))
        {
            return tasks;
        }

        var id = caller.IdentityId;
        if (!caller.HasScope(Scopes.TasksApprove))
        {
            return tasks.Where(t => t.Identity == id);
        }

        var auditName = caller.AuditName;
        return tasks.Where(t => t.Identity == id || t.Status == TaskStatuses.AwaitingApproval || t.ReviewedBy == auditName || t.CancelRequestedBy == auditName);
    }
}
