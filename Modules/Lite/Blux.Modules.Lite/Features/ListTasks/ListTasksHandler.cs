using Blux.Modules.Lite.Data;
using Blux.SharedKernel.Api;
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
        var size = (int)(QueryValue.WholeNumber(request.PageSize) ?? ListTasksQuery.DefaultPageSize);
        var query = TaskAccess.VisibleTo(db.Tasks.AsNoTracking(), request.Caller)
            .WhereGiven(QueryValue.Text(request.Status), status => t => t.Status == status)
            .WhereGiven(QueryValue.Text(request.Type), type => t => t.Type == type)
            .WhereGiven(QueryValue.Text(request.Identity), identity => t => t.IdentityAudit == identity)
            .WhereGiven(QueryValue.OffsetTime(request.Since), since => t => t.CreatedAt >= since)
            .WhereGiven(QueryValue.OffsetTime(request.Until), until => t => t.CreatedAt < until);

        if (TaskPageToken.TryDecode(QueryValue.Text(request.PageToken), out var after))
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
