using System.Text.Json.Nodes;
using Blux.Modules.Guard.Audit;
using Blux.Modules.Guard.Contracts;
using Blux.Modules.Guard.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Blux.Modules.Guard.Features.GetAuditRecord;

internal sealed class GetAuditRecordsHandler(GuardDbContext db) : IRequestHandler<GetAuditRecords, IReadOnlyList<JsonObject>>
{
    public async ValueTask<IReadOnlyList<JsonObject>> Handle(GetAuditRecords request, CancellationToken cancellationToken)
    {
        var ids = request.AuditIds.Distinct().ToArray();
        var rows = await db.AuditRecords.AsNoTracking().Where(r => ids.Contains(r.AuditId)).OrderBy(r => r.Seq).ToListAsync(cancellationToken);
        return rows.Select(r => AuditRecordForm.ToJson(r)).ToArray();
    }
}
