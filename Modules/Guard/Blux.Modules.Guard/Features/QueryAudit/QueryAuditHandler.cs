using System.Globalization;
using Blux.Modules.Guard.Audit;
using Blux.Modules.Guard.Data;
using Blux.SharedKernel.Api;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Blux.Modules.Guard.Features.QueryAudit;

/// <summary>The audit log filtered and paged in chain order; the page token is the last seq seen.</summary>
internal sealed class QueryAuditHandler(GuardDbContext db) : IRequestHandler<QueryAuditRequest, AuditPage>
{
    public async ValueTask<AuditPage> Handle(QueryAuditRequest request, CancellationToken cancellationToken)
    {
        // Timestamps are stored in one fixed RFC 3339 form, so text order is time order.
        var query = db.AuditRecords.AsNoTracking()
            .WhereGiven(QueryValue.Text(request.Service), service => r => r.Service == service)
            .WhereGiven(QueryValue.Text(request.Operation), operation => r => r.Operation == operation)
            .WhereGiven(QueryValue.Text(request.Identity), identity => r => r.Identity == identity)
            .WhereGiven(QueryValue.Text(request.Status), status => r => r.Status == status)
            .WhereGiven(QueryValue.TimeText(request.Since), since => r => string.Compare(r.Timestamp, since) >= 0)
            .WhereGiven(QueryValue.TimeText(request.Until), until => r => string.Compare(r.Timestamp, until) < 0)
            .WhereGiven(QueryValue.WholeNumber(request.PageToken), after => r => r.Seq > after);

        var pageSize = (int)(QueryValue.WholeNumber(request.PageSize) ?? QueryAuditRequest.DefaultPageSize);
        var rows = await query.OrderBy(r => r.Seq).Take(pageSize + 1).ToListAsync(cancellationToken);
        var page = rows.Take(pageSize).ToArray();
        return new AuditPage(
            page.Select(r => AuditRecordForm.ToJson(r)).ToArray(),
            rows.Count > pageSize ? page[^1].Seq.ToString(CultureInfo.InvariantCulture) : null);
    }
}
