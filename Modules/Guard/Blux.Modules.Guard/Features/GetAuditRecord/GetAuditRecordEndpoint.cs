using Blux.Modules.Guard.Contracts;
using Blux.SharedKernel.Api;
using Blux.SharedKernel.Errors;
using Blux.SharedKernel.Identity;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Blux.Modules.Guard.Features.GetAuditRecord;

internal static class GetAuditRecordEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/v1/audit/{auditId}", async (string auditId, ISender sender, CancellationToken cancellationToken) =>
            {
                var records = await sender.Send(new GetAuditRecords([auditId]), cancellationToken);
                return records.Count == 0 ? throw BluxException.NotFound("audit record", auditId) : Results.Ok(records[0]);
            })
            .Produces<AuditRecord>()
            .Operation(Scopes.AuditRead, "Guard", "audit_get", "Get an audit record",
                "One audit record with its chain hashes, key id and signature.");
}
