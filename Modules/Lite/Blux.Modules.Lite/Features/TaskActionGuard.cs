using System.Text.Json.Nodes;
using Blux.Modules.Guard.Contracts;
using Blux.Modules.Lite.Domain;
using Blux.SharedKernel.Errors;
using Blux.SharedKernel.Events;
using Blux.SharedKernel.Identity;
using Blux.SharedKernel.Json;
using Mediator;

namespace Blux.Modules.Lite.Features;

/// <summary>
/// Who may act on someone's task: a person other than the submitter approves or rejects it (and, when
/// the doctrine sets <c>require_independent_approval</c>, not the person it was submitted for either);
/// the submitter, or an approver, cancels it. A task the caller may not see is 404, as for an id never
/// used (<see cref="TaskAccess"/>). A refusal is audited <c>access.denied</c> first, so the 403 names a
/// durable record.
/// </summary>
internal sealed class TaskActionGuard(TaskAccess access, ISender sender, TimeProvider clock)
{
    public async Task<TaskRecord> EnsureMayReviewAsync(Caller caller, string taskId, TaskAction action, CancellationToken cancellationToken)
    {
        var task = await access.FindAsync(caller, taskId, cancellationToken);
        if (caller.IdentityId == task.Identity)
        {
            throw await RefuseAsync(caller, task, action, "submitter_cannot_review",
                $"Task '{taskId}' was submitted by {caller.AuditName}; another identity must {action.Name()} it.");
        }

        // context.user_id names the person the work is for; the identity of that id is that person, so
        // it may not review the task a service submitted on its behalf.
        var user = BluxJson.Deserialize<TaskContext>(task.ContextJson)?.UserId;
        if (user == caller.IdentityId && (await sender.Send(new GetDoctrineSummary(), cancellationToken)).RequireIndependentApproval)
        {
            throw await RefuseAsync(caller, task, action, "approver_is_task_user",
                $"Task '{taskId}' was submitted for user {user}; under the doctrine another person must {action.Name()} it.");
        }

        return task;
    }

    public async Task<TaskRecord> EnsureMayCancelAsync(Caller caller, string taskId, CancellationToken cancellationToken)
    {
        var task = await access.FindAsync(caller, taskId, cancellationToken);
        if (caller.IdentityId != task.Identity && !caller.HasScope(Scopes.TasksApprove))
        {
            throw await RefuseAsync(caller, task, TaskAction.Cancel, "not_submitter",
                $"Only the submitter of task '{taskId}' or an identity with tasks:approve may cancel it.");
        }

        return task;
    }

    private async Task<BluxException> RefuseAsync(Caller caller, TaskRecord task, TaskAction action, string issue, string message)
    {
        var auditId = await sender.AppendRefusalAsync(
            RefusalAudit.AccessDenied(clock, BluxSources.Lite, caller.AuditName, new JsonObject { ["reason"] = issue, ["task_id"] = task.TaskId, ["action"] = action.Operation() }),
            CancellationToken.None);
        return BluxException.Forbidden(issue, message, new Dictionary<string, object?> { ["field"] = "task_id", ["task_id"] = task.TaskId }).WithAuditId(auditId);
    }
}
