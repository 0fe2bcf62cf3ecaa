using System.Text.Json.Nodes;
using Blux.SharedKernel.Api;
using Blux.SharedKernel.Identity;
using Blux.SharedKernel.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Blux.Modules.Guard.Features.Checkpoints;

internal static class LatestCheckpointEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapQuery<LatestCheckpointRequest, JsonObject>("/v1/audit/checkpoints/latest")
            .Produces<Checkpoint>()
            .Produces<ErrorEnvelope>(StatusCodes.Status404NotFound)
            .Operation(Scopes.AuditRead, "Guard", "audit_checkpoint_latest", "Get the latest checkpoint",
                "The newest signed checkpoint of the audit chain: seq, head_hash, key_id, signature. 404 before the first one is written.");
}
