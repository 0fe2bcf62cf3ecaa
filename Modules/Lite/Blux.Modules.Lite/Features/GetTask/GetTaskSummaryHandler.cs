using Blux.Modules.Lite.Contracts;
using Blux.Modules.Lite.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Blux.Modules.Lite.Features.GetTask;

internal sealed class GetTaskSummaryHandler(LiteDbContext db) : IRequestHandler<GetTaskSummary, TaskSummary?>
{
    public async ValueTask<TaskSummary?> Handle(GetTaskSummary request, CancellationToken cancellationToken) =>
        await db.Tasks.AsNoTracking()
            .Where(t => t.TaskId == request.TaskId)
            .Select(t => new TaskSummary(t.TaskId, t.Type, t.Status, t.IdentityAudit, t.CreatedAt))
            .FirstOrDefaultAsync(cancellationToken);
}
