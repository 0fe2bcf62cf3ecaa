using System.Text.Json.Nodes;
using Blux.Modules.Guard.Contracts;
using Blux.Modules.Guard.Data;
using Blux.SharedKernel;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Blux.Modules.Guard.Features.GetAuditRecord;

internal sealed class GetIdentityHistoryHandler(GuardDbContext db) : IRequestHandler<GetIdentityHistory, IReadOnlyList<AuditHistoryItem>>
{
    public async ValueTask<IReadOnlyList<AuditHistoryItem>> Handle(GetIdentityHistory request, CancellationToken cancellationToken)
    {
        var rows = await db.AuditRecords.AsNoTracking()
            .Where(r => r.Identity == request.Identity)
            .OrderByDescending(r => r.Seq)
            .Take(Math.Clamp(request.Limit, 0, 1000))
            .Select(r => new { r.AuditId, r.Seq, r.Timestamp, r.Operation, r.Status, r.Data })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new AuditHistoryItem(
            r.AuditId,
            r.Seq,
            BluxTime.TryParse(r.Timestamp, out var at) ? at : DateTimeOffset.MinValue,
            r.Operation,
            r.Status,
            JsonNode.Parse(r.Data)?["task_type"]?.GetValue<string>())).ToArray();
    }
}
