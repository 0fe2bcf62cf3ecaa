using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Blux.Modules.Guard.Features.QueryAudit;

/// <summary>
/// GET /v1/audit's query string as sent, bound as text so that <see cref="QueryAuditValidator"/> can refuse
/// a bad value naming its parameter. <paramref name="PageToken"/> is the last seq of the page before.
/// </summary>
internal sealed record QueryAuditRequest(
    [FromQuery(Name = "service")] string? Service,
    [FromQuery(Name = "operation")] string? Operation,
    [FromQuery(Name = "identity")] string? Identity,
    [FromQuery(Name = "status")] string? Status,
    [FromQuery(Name = "since")] string? Since,
    [FromQuery(Name = "until")] string? Until,
    [FromQuery(Name = "page_size")] string? PageSize,
    [FromQuery(Name = "page_token")] string? PageToken) : IRequest<AuditPage>
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;
}
