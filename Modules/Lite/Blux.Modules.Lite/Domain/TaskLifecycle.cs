using Blux.Modules.Lite.Contracts;
using Blux.SharedKernel.Errors;

namespace Blux.Modules.Lite.Domain;

/// <summary>
/// The one place that says which status may follow which (docs/contract.md#task-lifecycle): accepted → [awaiting_approval] →
/// queued → running → completed | failed | cancelled | timed_out, and accepted → rejected. A running task
/// goes back to queued for a retry; a held task may be rejected or cancelled by a person.
/// </summary>
internal static class TaskLifecycle
{
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        [TaskStatuses.Accepted] = [TaskStatuses.AwaitingApproval, TaskStatuses.Queued, TaskStatuses.Rejected],
        [TaskStatuses.AwaitingApproval] = [TaskStatuses.Queued, TaskStatuses.Rejected, TaskStatuses.Cancelled],
        [TaskStatuses.Queued] = [TaskStatuses.Running, TaskStatuses.Cancelled],
        [TaskStatuses.Running] = [TaskStatuses.Completed, TaskStatuses.Failed, TaskStatuses.Cancelled, TaskStatuses.TimedOut, TaskStatuses.Queued],
    };

    public static bool CanMove(string from, string to) =>
        Allowed.TryGetValue(from, out var next) && next.Contains(to, StringComparer.Ordinal);

    /// <summary>Throws 409 CONFLICT naming the task, its status and the refused action.</summary>
    public static void EnsureCanMove(TaskRecord task, string to, TaskAction action)
    {
        if (!CanMove(task.Status, to))
        {
            throw InvalidTransition(task, action, $"Task '{task.TaskId}' is {task.Status}; it cannot be {Describe(action)}.");
        }
    }

    public static BluxException InvalidTransition(TaskRecord task, TaskAction action, string message) =>
        new(ErrorCodes.Conflict, message, new Dictionary<string, object?>
        {
            ["field"] = "status",
            ["issue"] = "invalid_transition",
            ["task_id"] = task.TaskId,
            ["status"] = task.Status,
            ["action"] = action.Name(),
        });

    /// <summary>What a task that the action moved has been: <c>approved</c>, <c>run</c>, …</summary>
    public static string Describe(TaskAction action) => action switch
    {
        TaskAction.Create => "created",
        TaskAction.Approve => "approved",
        TaskAction.Reject => "rejected",
        TaskAction.Cancel => "cancelled",
        TaskAction.Execute => "run",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Not a task action."),
    };
}
