using Blux.Modules.Guard.Audit;
using Blux.Modules.Guard.Data;
using Blux.SharedKernel.Errors;
using Blux.SharedKernel.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Blux.Modules.Guard.Features.Checkpoints;

internal static class LatestCheckpointEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/v1/audit/checkpoints/latest", async (GuardDbContext db, CancellationToken cancellationToken) =>
            {
                var checkpoint = await db.Checkpoints.AsNoTracking().OrderByDescending(c => c.Seq).FirstOrDefaultAsync(cancellationToken)
                    ?? throw BluxException.NotFound("checkpoint", "latest");
                return Results.Ok(AuditRecordForm.CheckpointJson(checkpoint));
            })
            .RequireAuthorization(Scopes.Policy(Scopes.AuditRead))
            .Produces<Checkpoint>()
            .Produces<ErrorEnvelope>(StatusCodes.Status404NotFound)
            .WithName("audit_checkpoint_latest")
            .WithTags("Guard")
            .WithSummary("Get the latest checkpoint")
            .WithDescription("The newest signed checkpoint of the audit chain: seq, head_hash, key_id, signature. 404 before the first one is written.");
}
