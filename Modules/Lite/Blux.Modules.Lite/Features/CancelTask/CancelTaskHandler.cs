using System.Text.Json.Nodes;
using Blux.Modules.Lite.Contracts;
using Blux.Modules.Lite.Domain;
using Blux.Modules.Lite.Execution;
using Mediator;

namespace Blux.Modules.Lite.Features.CancelTask;

/// <summary>
/// A held or queued task is cancelled at once. A running one is asked to stop: the request is recorded
/// (so a restart honours it), its route's token fires, and the worker ends it <c>cancelled</c> unless
/// the route finished first. Either way the cancel is audited <c>task.cancel</c>. Allowed to the
/// submitter and to holders of tasks:approve.
/// </summary>
internal sealed class CancelTaskHandler(TaskTransitions transitions, RunningTasks running, TaskActionGuard guard, TimeProvider clock)
    : IRequestHandler<CancelTaskCommand, CancelTaskResult>
{
    public async ValueTask<CancelTaskResult> Handle(CancelTaskCommand command, CancellationToken cancellationToken)
    {
        await guard.EnsureMayCancelAsync(command.Caller, command.TaskId, cancellationToken);
        var task = await transitions.RunAsync(command.TaskId, t => Plan(t, command), cancellationToken);
        var requested = task.Status == TaskStatuses.Running;
        if (requested)
        {
            running.Cancel(task.TaskId);
        }

        return new CancelTaskResult(task.TaskId, task.Status, requested);
    }

    private PendingTransition Plan(TaskRecord task, CancelTaskCommand command)
    {
        string to;
        if (task.Status == TaskStatuses.Running)
        {
            if (task.CancelRequestedBy is not null)
            {
                throw TaskLifecycle.InvalidTransition(task, TaskAction.Cancel, $"Task '{task.TaskId}' is already being cancelled.");
            }

            to = TaskStatuses.Running;
        }
        else
        {
            TaskLifecycle.EnsureCanMove(task, TaskStatuses.Cancelled, TaskAction.Cancel);
            to = TaskStatuses.Cancelled;
        }

        var stops = to == TaskStatuses.Running;
        var caller = command.Caller.AuditName;
        return TaskAudit.Plan(
            task,
            TaskChange.ByCaller(task, TaskAction.Cancel, to, caller, command.Reason, stops ? null : "CANCELLED", stops ? null : $"Cancelled by {caller}."),
            new JsonObject
            {
                ["previous_status"] = task.Status,
                ["task_status"] = to,
                ["effect"] = stops ? "stop_requested" : "cancelled",
                ["reason"] = command.Reason,
            },
            clock).Pending;
    }
}
