using System.Text;
using System.Text.Json.Nodes;
using Blux.Modules.Guard.Audit;
using Blux.Modules.Guard.Data;
using Blux.Modules.Reg.Contracts;
using Blux.SharedKernel;
using Blux.SharedKernel.Identity;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Blux.Modules.Guard.Features.ExportAudit;

/// <summary>
/// The whole chain as JSON Lines, for verification anywhere: first the public keys, then every record
/// in order, then every checkpoint. Each line is <c>{"kind": "keys"|"record"|"checkpoint", …}</c>.
/// </summary>
internal static class ExportAuditEndpoint
{
    private const int PageSize = 2000;

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/v1/audit/export", async (HttpContext http, GuardDbContext db, ISender sender, CancellationToken cancellationToken) =>
            {
                http.Response.ContentType = "application/x-ndjson; charset=utf-8";
                http.Response.Headers.ContentDisposition = "attachment; filename=\"blux-audit.jsonl\"";
                var keys = await sender.Send(new GetVerificationKeys(WithRevokedAuditKeys: true), cancellationToken);
                await WriteLineAsync(http, new JsonObject
                {
                    ["kind"] = "keys",
                    ["keys"] = new JsonArray(keys.Select(Jwk).ToArray()),
                }, cancellationToken);

                long cursor = 0;
                while (true)
                {
                    var page = await db.AuditRecords.AsNoTracking().Where(r => r.Seq > cursor).OrderBy(r => r.Seq).Take(PageSize).ToListAsync(cancellationToken);
                    foreach (var row in page)
                    {
                        await WriteLineAsync(http, new JsonObject { ["kind"] = "record", ["record"] = AuditRecordForm.ToJson(row) }, cancellationToken);
                    }

                    if (page.Count < PageSize)
                    {
                        break;
                    }

                    cursor = page[^1].Seq;
                }

                foreach (var checkpoint in await db.Checkpoints.AsNoTracking().OrderBy(c => c.Seq).ToListAsync(cancellationToken))
                {
                    await WriteLineAsync(http, new JsonObject { ["kind"] = "checkpoint", ["checkpoint"] = AuditRecordForm.CheckpointJson(checkpoint) }, cancellationToken);
                }
            })
            .RequireAuthorization(Scopes.Policy(Scopes.AuditRead))
            .Produces<string>(StatusCodes.Status200OK, "application/x-ndjson")
            .WithName("audit_export")
            .WithTags("Guard")
            .WithSummary("Export the audit log")
            .WithDescription("The whole chain as JSON Lines for offline verification: first {\"kind\":\"keys\"} with the public keys, then one {\"kind\":\"record\"} line per record in order, then one {\"kind\":\"checkpoint\"} line per checkpoint.");

    /// <summary>The key's JWK; a revoked audit key also carries <c>revoked_at</c>, after which nothing it signed counts.</summary>
    private static JsonNode Jwk(PublicSigningKey key)
    {
        var jwk = new JsonObject(key.ToJwk().Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value)));
        if (key.RevokedAt is { } revokedAt)
        {
            jwk["revoked_at"] = BluxTime.ToText(revokedAt);
        }

        return jwk;
    }

    private static async Task WriteLineAsync(HttpContext http, JsonObject line, CancellationToken cancellationToken)
    {
        await http.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(line.ToJsonString() + "\n"), cancellationToken);
    }
}
