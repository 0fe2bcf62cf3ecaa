using System.Text.Json.Nodes;
using Blux.Modules.Guard.Audit;
using Blux.Modules.Guard.Data;
using Blux.SharedKernel.Errors;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Blux.Modules.Guard.Features.Checkpoints;

internal sealed class LatestCheckpointHandler(GuardDbContext db) : IRequestHandler<LatestCheckpointRequest, JsonObject>
{
    public async ValueTask<JsonObject> Handle(LatestCheckpointRequest request, CancellationToken cancellationToken)
    {
        var checkpoint = await db.Checkpoints.AsNoTracking().OrderByDescending(c => c.Seq).FirstOrDefaultAsync(cancellationToken)
            ?? throw BluxException.NotFound("checkpoint", "latest");
        return AuditRecordForm.CheckpointJson(checkpoint);
    }
}
