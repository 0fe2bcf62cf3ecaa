using System.Text.Json.Nodes;
using Blux.Modules.Guard.Contracts;
using Blux.Modules.Lite.Contracts;
using Blux.Modules.Lite.Domain;
using Blux.Modules.Lite.Routes;
using Blux.SharedKernel.Crypto;

namespace Blux.Modules.Lite.Execution;

/// <summary>
/// What becomes of a run cut off before its outcome was kept: by the process dying (found on start), or
/// by a failure in this process between marking the task running and keeping the outcome. A cancel that
/// was asked wins; a route that runs a client's code in the process is not run again after a crash
/// (<c>EXECUTION_CRASHED</c>: that code may be what killed it, and running it again would kill the host
/// again on every start); any other run is queued again while it has attempts left and failed
/// <c>INTERRUPTED</c> when not. See ADR 0013.
/// </summary>
internal sealed class InterruptedRuns(RetryPolicy retries, RouteRegistry routes, TimeProvider clock)
{
    public const string Crashed = "EXECUTION_CRASHED";
    public const string Interrupted = "INTERRUPTED";

    /// <param name="task">A task whose row says running and which no worker runs.</param>
    /// <param name="crashed">True when the process died while it ran (found on start).</param>
    public PendingTransition Plan(TaskRecord task, bool crashed)
    {
        TaskLifecycle.EnsureCanMove(task, TaskStatuses.Failed, TaskAction.Execute);
        var runsAgain = !crashed || !routes.TryGet(task.Type, out var route) || route.RunsAgainAfterCrash;
        var cutOff = crashed ? "Blux stopped" : "The run was cut off before its outcome was kept";
        var (status, code, message) = task.CancelRequestedBy is not null
            ? (TaskStatuses.Cancelled, "CANCELLED", crashed ? "Cancelled on request; Blux stopped while the task ran." : "Cancelled on request; the run was cut off before its outcome was kept.")
            : !runsAgain
                ? (TaskStatuses.Failed, Crashed, $"Blux stopped unexpectedly while attempt {task.Attempts} of this {task.Route} task ran; it is not run again, since it may be what stopped Blux.")
                : retries.CanRetry(task.Attempts)
                    ? (TaskStatuses.Queued, Interrupted, $"{cutOff} while attempt {task.Attempts} ran; it runs again.")
                    : (TaskStatuses.Failed, Interrupted, $"{cutOff} while attempt {task.Attempts} ran, the last one allowed.");
        var result = new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } };
        var (pending, _) = TaskAudit.Plan(
            task,
            TaskChange.OfRun(task, status, AuditStatuses.Failure, code, message),
            new JsonObject
            {
                ["route"] = task.Route,
                ["task_status"] = status,
                ["attempt"] = task.Attempts,
                ["error_code"] = code,
            },
            clock);
        return pending with
        {
            Audit = pending.Audit with
            {
                InputHash = BluxHash.OfCanonical(JsonNode.Parse(task.PayloadJson)),
                OutputHash = BluxHash.OfCanonical(result),
            },
        };
    }
}
