using Blux.Modules.Guard.Audit;
using Blux.Modules.Guard.Data;
using Blux.Modules.Guard.Contracts;
using Blux.SharedKernel;
using Blux.SharedKernel.Api;
using Blux.SharedKernel.Errors;
using Blux.SharedKernel.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Blux.Modules.Guard.Features.QueryAudit;

/// <summary>The audit log filtered and paged in chain order; the page token is the last seq seen.</summary>
internal static class QueryAuditEndpoint
{
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 500;

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/v1/audit", async (HttpRequest request, GuardDbContext db, CancellationToken cancellationToken) =>
            {
                var query = db.AuditRecords.AsNoTracking().AsQueryable();
                if (Text(request, "service") is { } service)
                {
                    query = query.Where(r => r.Service == service);
                }

                if (Text(request, "operation") is { } operation)
                {
                    query = query.Where(r => r.Operation == operation);
                }

                if (Text(request, "identity") is { } identity)
                {
                    query = query.Where(r => r.Identity == identity);
                }

                if (Text(request, "status") is { } status)
                {
                    query = query.Where(r => r.Status == status);
                }

                // Timestamps are stored in one fixed RFC 3339 form, so text order is time order.
                if (Timestamp(request, "since") is { } since)
                {
                    query = query.Where(r => string.Compare(r.Timestamp, since) >= 0);
                }

                if (Timestamp(request, "until") is { } until)
                {
                    query = query.Where(r => string.Compare(r.Timestamp, until) < 0);
                }

                var pageSize = (int)Math.Min(int.MaxValue, Number(request, "page_size") ?? DefaultPageSize);
                if (pageSize is < 1 or > MaxPageSize)
                {
                    throw BluxException.Validation("page_size", "invalid_value", $"page_size must be from 1 to {MaxPageSize}.");
                }

                if (Number(request, "page_token") is { } after)
                {
                    query = query.Where(r => r.Seq > after);
                }

                var rows = await query.OrderBy(r => r.Seq).Take(pageSize + 1).ToListAsync(cancellationToken);
                var page = rows.Take(pageSize).ToArray();
                return Results.Ok(new AuditPage(
                    page.Select(r => AuditRecordForm.ToJson(r)).ToArray(),
                    rows.Count > pageSize ? page[^1].Seq.ToString(System.Globalization.CultureInfo.InvariantCulture) : null));
            })
            .RequireAuthorization(Scopes.Policy(Scopes.AuditRead))
            .Produces<AuditPage>()
            .WithMetadata(
                new ApiParameter("service", "Only records of this service (blux-lite, blux-guard, … or an outside one)."),
                new ApiParameter("operation", "Only records of this operation (task.create, auth.failed, …)."),
                new ApiParameter("identity", "Only records of this identity, as kind:id (user:alice)."),
                new ApiParameter("status", "Only records with this status.") { AllowedValues = [AuditStatuses.Success, AuditStatuses.Failure, AuditStatuses.Denied] },
                new ApiParameter("since", "Only records at or after this time.") { Format = "date-time" },
                new ApiParameter("until", "Only records before this time.") { Format = "date-time" },
                new ApiParameter("page_size", "Records per page.") { Type = ApiParameterType.Integer, Minimum = 1, Maximum = MaxPageSize, Default = DefaultPageSize },
                new ApiParameter("page_token", "The next_page_token of the page before (the last seq seen).") { Type = ApiParameterType.Integer, Minimum = 0 })
            .WithName("audit_list")
            .WithTags("Guard")
            .WithSummary("Query the audit log")
            .WithDescription("Audit records filtered by service, operation, identity, status and time, paged in chain order.");

    internal sealed record AuditPage(
        [property: SchemaAs(typeof(AuditRecord[]))] IReadOnlyList<System.Text.Json.Nodes.JsonObject> Entries,
        [property: System.ComponentModel.Description("Pass as page_token for the next page; null on the last.")] string? NextPageToken);

    private static string? Text(HttpRequest request, string name) => request.Query[name].ToString() is { Length: > 0 } value ? value : null;

    private static string? Timestamp(HttpRequest request, string name)
    {
        var raw = request.Query[name].ToString();
        if (raw.Length == 0)
        {
            return null;
        }

        return BluxTime.TryParse(raw, out var value)
            ? BluxTime.ToText(value)
            : throw BluxException.Validation(name, "invalid_format", $"{name} must be an RFC 3339 date-time.");
    }

    private static long? Number(HttpRequest request, string name)
    {
        var raw = request.Query[name].ToString();
        if (raw.Length == 0)
        {
            return null;
        }

        return long.TryParse(raw, out var value) && value >= 0
            ? value
            : throw BluxException.Validation(name, "invalid_value", $"{name} must be a non-negative integer.");
    }
}
