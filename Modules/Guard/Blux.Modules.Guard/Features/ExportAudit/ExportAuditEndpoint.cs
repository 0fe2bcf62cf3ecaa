using System.Text;
using Blux.SharedKernel.Api;
using Blux.SharedKernel.Identity;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Blux.Modules.Guard.Features.ExportAudit;

/// <summary>Writes <see cref="ExportAuditRequest"/>'s lines as JSON Lines while they are read.</summary>
internal static class ExportAuditEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/v1/audit/export", async (HttpContext http, ISender sender, CancellationToken cancellationToken) =>
            {
                var lines = await sender.Send(new ExportAuditRequest(), cancellationToken);
                http.Response.ContentType = "application/x-ndjson; charset=utf-8";
                http.Response.Headers.ContentDisposition = "attachment; filename=\"blux-audit.jsonl\"";
                await foreach (var line in lines.WithCancellation(cancellationToken))
                {
                    await http.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(line.ToJsonString() + "\n"), cancellationToken);
                }
            })
            .Produces<string>(StatusCodes.Status200OK, "application/x-ndjson")
            .Operation(Scopes.AuditRead, "Guard", "audit_export", "Export the audit log",
                "The whole chain as JSON Lines for offline verification: first {\"kind\":\"keys\"} with the public keys, then one {\"kind\":\"record\"} line per record in order, then one {\"kind\":\"checkpoint\"} line per checkpoint.");
}
