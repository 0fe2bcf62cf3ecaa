using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Blux.Modules.Guard.Features.PolicyHistory;

/// <summary>Every doctrine that has been in force, newest first; the documents only when <paramref name="Documents"/> is <c>true</c>.</summary>
internal sealed record PolicyHistoryRequest([FromQuery(Name = "documents")] string? Documents) : IRequest<PolicyHistory>
{
    public bool WithDocuments => string.Equals(Documents, "true", StringComparison.Ordinal);
}
