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
        var query = db.AuditRecords.AsNoTracking().AsQueryable();
        if (QueryValue.Text(request.Service) is { } service)
        {
            query = query.Where(r => r.Service == service);
        }

        if (QueryValue.Text(request.Operation) is { } operation)
        {
            query = query.Where(r => r.Operation == operation);
        }

        if (QueryValue.Text(request.Identity) is { } identity)
        {
            query = query.Where(r => r.Identity == identity);
        }

        if (QueryValue.Text(request.Status) is { } status)
        {
            query = query.Where(r => r.Status == status);
        }

        // Timestamps are stored in one fixed RFC 3339 form, so text order is time order.
        if (QueryValue.TimeText(request.Since) is { } since)
        {
            query = query.Where(r => string.Compare(r.Timestamp, since) >= 0);
        }

        if (QueryValue.TimeText(request.Until) is { } until)
        {
            query = query.Where(r => string.Compare(r.Timestamp, until) < 0);
        }

        if (QueryValue.WholeNumber(request.PageToken) is { } after)
        {
            query = query.Where(r => r.Seq > after);
        }

        var pageSize = (int)(QueryValue.WholeNumber(request.PageSize) ?? QueryAuditRequest.DefaultPageSize);
        var rows = await query.OrderBy(r => r.Seq).Take(pageSize + 1).ToListAsync(cancellationToken);
        var page = rows.Take(pageSize).ToArray();
        return new AuditPage(
            page.Select(r => AuditRecordForm.ToJson(r)).ToArray(),
            rows.Count > pageSize ? page[^1].Seq.ToString(CultureInfo.InvariantCulture) : null);
    }
}
