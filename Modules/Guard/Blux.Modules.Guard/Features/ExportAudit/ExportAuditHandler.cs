using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Blux.Modules.Guard.Audit;
using Blux.Modules.Guard.Data;
using Blux.Modules.Reg.Contracts;
using Blux.SharedKernel;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Blux.Modules.Guard.Features.ExportAudit;

internal sealed class ExportAuditHandler(GuardDbContext db, ISender sender) : IRequestHandler<ExportAuditRequest, IAsyncEnumerable<JsonObject>>
{
    private const int PageSize = 2000;

    public ValueTask<IAsyncEnumerable<JsonObject>> Handle(ExportAuditRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(LinesAsync(cancellationToken));

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

    private async IAsyncEnumerable<JsonObject> LinesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var keys = await sender.Send(new GetVerificationKeys(WithRevokedAuditKeys: true), cancellationToken);
        yield return new JsonObject
        {
            ["kind"] = "keys",
            ["keys"] = new JsonArray(keys.Select(Jwk).ToArray()),
        };

        long cursor = 0;
        while (true)
        {
            var page = await db.AuditRecords.AsNoTracking().Where(r => r.Seq > cursor).OrderBy(r => r.Seq).Take(PageSize).ToListAsync(cancellationToken);
            foreach (var row in page)
            {
                yield return new JsonObject { ["kind"] = "record", ["record"] = AuditRecordForm.ToJson(row) };
            }

            if (page.Count < PageSize)
            {
                break;
            }

            cursor = page[^1].Seq;
        }

        foreach (var checkpoint in await db.Checkpoints.AsNoTracking().OrderBy(c => c.Seq).ToListAsync(cancellationToken))
        {
            yield return new JsonObject { ["kind"] = "checkpoint", ["checkpoint"] = AuditRecordForm.CheckpointJson(checkpoint) };
        }
    }
}
