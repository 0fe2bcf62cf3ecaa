using Blux.Modules.Guard.Contracts;
using Blux.SharedKernel.Api;
using Blux.SharedKernel.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Blux.Modules.Guard.Features.QueryAudit;

internal static class QueryAuditEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapQuery<QueryAuditRequest, AuditPage>("/v1/audit")
            .Produces<AuditPage>()
            .WithMetadata(
                new ApiParameter("service", "Only records of this service (blux-lite, blux-guard, … or an outside one)."),
                new ApiParameter("operation", "Only records of this operation (task.create, auth.failed, …)."),
                new ApiParameter("identity", "Only records of this identity, as kind:id (user:alice)."),
                new ApiParameter("status", "Only records with this status.") { AllowedValues = [AuditStatuses.Success, AuditStatuses.Failure, AuditStatuses.Denied] },
                new ApiParameter("since", "Only records at or after this time.") { Format = "date-time" },
                new ApiParameter("until", "Only records before this time.") { Format = "date-time" },
                new ApiParameter("page_size", "Records per page.") { Type = ApiParameterType.Integer, Minimum = 1, Maximum = QueryAuditRequest.MaxPageSize, Default = QueryAuditRequest.DefaultPageSize },
                new ApiParameter("page_token", "The next_page_token of the page before (the last seq seen).") { Type = ApiParameterType.Integer, Minimum = 0 })
            .Operation(Scopes.AuditRead, "Guard", "audit_list", "Query the audit log",
                "Audit records filtered by service, operation, identity, status and time, paged in chain order.");
}
