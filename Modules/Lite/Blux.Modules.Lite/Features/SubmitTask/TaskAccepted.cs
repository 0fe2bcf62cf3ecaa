using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Blux.Modules.Lite.Contracts;

namespace Blux.Modules.Lite.Features.SubmitTask;

/// <summary>The 202 answer to a task submission.</summary>
internal sealed record TaskAccepted(
    string TaskId,
    [property: Description("accepted for a new task (awaiting_approval or rejected when the doctrine or reflection says so); the current status for an existing one.")]
    [property: AllowedValues(
        TaskStatuses.Accepted, TaskStatuses.AwaitingApproval, TaskStatuses.Queued, TaskStatuses.Running, TaskStatuses.Completed,
        TaskStatuses.Failed, TaskStatuses.Cancelled, TaskStatuses.TimedOut, TaskStatuses.Rejected)]
    string Status,
    [property: Description("The task.create audit record.")] string AuditId,
    DateTimeOffset EstimatedCompletion);
