using Blux.Modules.Lite.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Blux.Modules.Lite.Features.ListTasks;

/// <summary>
/// The tasks the caller may see, newest first, filtered by status, type, submitter and creation time, paged by a keyset token
/// (stable while tasks are added).
/// </summary>
internal sealed class ListTasksHandler(LiteDbContext db) : IRequestHandler<ListTasksQuery, TaskPage>
{
    public async ValueTask<TaskPage> Handle(ListTasksQuery request, CancellationToken cancellationToken)
    {
        var size = request.PageSize ?? ListTasksQuery.DefaultPageSize;
        var query = TaskAccess.VisibleTo(db.Tasks.AsNoTracking(), request.Caller);
        if (request.Status is not null)
        {
            query = query.Where(t => t.Status == request.Status);
        }

        if (request.Type is not null)
        {
            query = query.Where(t => t.Type == request.Type);
        }

        if (request.Identity is not null)
        {
            query = query.Where(t => t.IdentityAudit == request.Identity);
        }

        if (request.Since is { } since)
        {
            query = query.Where(t => t.CreatedAt >= since);
        }

        if (request.Until is { } until)
        {
            query = query.Where(t => t.CreatedAt < until);
        }

        if (TaskPageToken.TryDecode(request.PageToken, out var after))
        {
            var at = after!.CreatedAt;
            var id = after.TaskId;
            query = query.Where(t => t.CreatedAt < at || (t.CreatedAt == at && string.Compare(t.TaskId, id) < 0));
        }

        var rows = await query
            .OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.TaskId)
            .Take(size + 1)
            .Select(t => new TaskListItem(t.TaskId, t.Type, t.Status, t.IdentityAudit, t.Route, t.Attempts, t.CreatedAt, t.StartedAt, t.CompletedAt, t.ErrorCode))
            .ToListAsync(cancellationToken);
        var next = rows.Count > size ? new TaskPageToken(rows[size - 1].CreatedAt, rows[size - 1].TaskId).Encode() : null;
        return new TaskPage(rows.Take(size).ToArray(), next);
    }
}
