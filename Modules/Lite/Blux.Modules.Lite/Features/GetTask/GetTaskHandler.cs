using System.Text.Json.Nodes;
using Blux.Modules.Guard.Contracts;
using Blux.Modules.Lite.Contracts;
using Blux.Modules.Lite.Domain;
using Mediator;

namespace Blux.Modules.Lite.Features.GetTask;

internal sealed class GetTaskHandler(TaskAccess access, ISender sender) : IRequestHandler<GetTaskQuery, TaskView>
{
    public async ValueTask<TaskView> Handle(GetTaskQuery request, CancellationToken cancellationToken)
    {
        var task = await access.FindAsync(request.Caller, request.TaskId, cancellationToken);
        var trail = await sender.Send(new GetAuditRecords(task.AuditTrail), cancellationToken);
        var terminal = TaskStatuses.IsTerminal(task.Status);
        return new TaskView(
            task.TaskId,
            task.Type,
            task.Status,
            task.CreateAuditId,
            task.IdentityAudit,
            task.CreatedAt,
            task.StartedAt,
            task.CompletedAt,
            JsonNode.Parse(task.ContextJson),
            JsonNode.Parse(task.RequirementsJson),
            JsonNode.Parse(task.RouteJson),
            task.ReflectionJson is null ? null : JsonNode.Parse(task.ReflectionJson),
            terminal && task.ResultJson is not null ? JsonNode.Parse(task.ResultJson) : null,
            task.ErrorCode is null ? null : new TaskError(task.ErrorCode, task.ErrorMessage),
            task.Attempts,
            task.DurationMs,
            task.Status == TaskStatuses.Queued ? task.NotBefore : null,
            task.ReviewDecision is null ? null : new TaskReview(task.ReviewDecision == TaskAction.Approve.Name() ? "approved" : "rejected", task.ReviewedBy!, task.ReviewedAt!.Value, task.ReviewReason),
            task.CancelRequestedBy,
            trail);
    }
}
