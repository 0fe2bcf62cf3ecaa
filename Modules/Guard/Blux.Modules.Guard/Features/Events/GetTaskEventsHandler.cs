using System.Text.Json.Nodes;
using Blux.Modules.Guard.Contracts;
using Blux.Modules.Guard.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Blux.Modules.Guard.Features.Events;

internal sealed class GetTaskEventsHandler(GuardDbContext db) : IRequestHandler<GetTaskEvents, IReadOnlyList<JsonObject>>
{
    public async ValueTask<IReadOnlyList<JsonObject>> Handle(GetTaskEvents request, CancellationToken cancellationToken)
    {
        var rows = await db.Events.AsNoTracking().Where(e => e.TaskId == request.TaskId).OrderBy(e => e.Seq).Select(e => e.Json).ToListAsync(cancellationToken);
        return rows.Select(json => (JsonObject)JsonNode.Parse(json)!).ToArray();
    }
}
