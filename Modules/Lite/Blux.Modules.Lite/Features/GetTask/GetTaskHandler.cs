using System.Text.Json;
using System.Text.Json.Nodes;
using Blux.Modules.Guard.Contracts;
using Blux.Modules.Lite.Data;
using Blux.SharedKernel.Errors;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Blux.Modules.Lite.Features.GetTask;

internal sealed class GetTaskHandler(LiteDbContext db, ISender sender) : IRequestHandler<GetTaskQuery, TaskView>
{
    public async ValueTask<TaskView> Handle(GetTaskQuery request, CancellationToken cancellationToken)
    {
        var task = await db.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.TaskId == request.TaskId, cancellationToken)
            ?? throw BluxException.NotFound("task", request.TaskId);
        var auditIds = JsonSerializer.Deserialize<string[]>(task.AuditTrailJson)!;
        var trail = await sender.Send(new GetAuditRecords(auditIds), cancellationToken);
        return new TaskView(
            task.TaskId,
            task.Type,
            task.Status,
            task.IdentityAudit,
            task.CreatedAt,
            task.StartedAt,
            task.CompletedAt,
            JsonNode.Parse(task.ContextJson),
            JsonNode.Parse(task.RequirementsJson),
            JsonNode.Parse(task.RouteJson),
            task.ReflectionJson is null ? null : JsonNode.Parse(task.ReflectionJson),
            task.ResultJson is null ? null : JsonNode.Parse(task.ResultJson),
            task.ErrorCode is null ? null : new TaskError(task.ErrorCode, task.ErrorMessage),
            task.Attempts,
            trail);
    }
}
