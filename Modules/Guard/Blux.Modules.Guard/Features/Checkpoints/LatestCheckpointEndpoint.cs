using Blux.SharedKernel.Api;
using Blux.SharedKernel.Errors;
using Blux.SharedKernel.Identity;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Blux.Modules.Guard.Features.Checkpoints;

internal static class LatestCheckpointEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/v1/audit/checkpoints/latest", async (ISender sender, CancellationToken cancellationToken) =>
                Results.Ok(await sender.Send(new LatestCheckpointRequest(), cancellationToken)))
            .Produces<Checkpoint>()
            .Produces<ErrorEnvelope>(StatusCodes.Status404NotFound)
            .Operation(Scopes.AuditRead, "Guard", "audit_checkpoint_latest", "Get the latest checkpoint",
                "The newest signed checkpoint of the audit chain: seq, head_hash, key_id, signature. 404 before the first one is written.");
}
