using System.Text.Json.Nodes;
using Blux.Modules.Guard.Audit;
using Blux.Modules.Guard.Contracts;
using Blux.Modules.Guard.Data;
using Blux.Modules.Guard.Domain;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Blux.Modules.Guard.Features.GetAuditRecord;

/// <summary>Recent records come from the writer's memory of what it committed; older ones from the store.</summary>
internal sealed class GetAuditRecordsHandler(RecentAuditRecords recent, IServiceProvider services) : IRequestHandler<GetAuditRecords, IReadOnlyList<JsonObject>>
{
    public async ValueTask<IReadOnlyList<JsonObject>> Handle(GetAuditRecords request, CancellationToken cancellationToken)
    {
        var rows = new List<AuditRecordRow>(request.AuditIds.Count);
        List<string>? missing = null;
        foreach (var id in request.AuditIds.Distinct(StringComparer.Ordinal))
        {
            if (recent.TryGet(id, out var row))
            {
                rows.Add(row);
            }
            else
            {
                (missing ??= []).Add(id);
            }
        }

        if (missing is not null)
        {
            var ids = missing.ToArray();
            var db = services.GetRequiredService<GuardDbContext>();
            rows.AddRange(await db.AuditRecords.AsNoTracking().Where(r => ids.Contains(r.AuditId)).ToListAsync(cancellationToken));
        }

        rows.Sort((a, b) => a.Seq.CompareTo(b.Seq));
        return rows.Select(r => AuditRecordForm.ToJson(r)).ToArray();
    }
}
