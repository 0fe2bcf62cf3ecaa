using System.Text.Json.Nodes;
using Blux.Modules.Lite.Contracts;
using Blux.Modules.Lite.Domain;
using Blux.Modules.Lite.Execution;
using Mediator;

namespace Blux.Modules.Lite.Features.ReviewTask;

/// <summary>
/// Approval moves a held task to queued, rejection ends it <c>rejected</c>; each is audited
/// (<c>task.approve</c>, <c>task.reject</c>) under the reviewer's identity, which is never the submitter's.
/// </summary>
internal sealed class ReviewTaskHandler(TaskTransitions transitions, TaskActionGuard guard, TimeProvider clock) : IRequestHandler<ReviewTaskCommand, string>
{
    public async ValueTask<string> Handle(ReviewTaskCommand command, CancellationToken cancellationToken)
    {
        await guard.EnsureMayReviewAsync(command.Caller, command.TaskId, command.Action, cancellationToken);
        var task = await transitions.RunAsync(command.TaskId, t => Plan(t, command), cancellationToken);
        return task.Status;
    }

    private PendingTransition Plan(TaskRecord task, ReviewTaskCommand command)
    {
        var approve = command.Action == TaskAction.Approve;
        var to = approve ? TaskStatuses.Queued : TaskStatuses.Rejected;
        if (task.Status != TaskStatuses.AwaitingApproval)
        {
            throw TaskLifecycle.InvalidTransition(task, command.Action, $"Task '{task.TaskId}' is {task.Status}, not awaiting_approval; it cannot be {TaskLifecycle.Describe(command.Action)}.");
        }

        TaskLifecycle.EnsureCanMove(task, to, command.Action);
        var caller = command.Caller.AuditName;
        return TaskAudit.Plan(
            task,
            TaskChange.ByCaller(
                task,
                command.Action,
                to,
                caller,
                command.Reason,
                approve ? null : "REJECTED",
                approve ? null : $"Rejected by {caller}{(command.Reason is null ? "." : ": " + command.Reason)}"),
            new JsonObject
            {
                ["submitted_by"] = task.IdentityAudit,
                ["task_status"] = to,
                ["reason"] = command.Reason,
            },
            clock).Pending;
    }
}
