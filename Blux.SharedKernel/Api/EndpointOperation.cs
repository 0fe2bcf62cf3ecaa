using Blux.SharedKernel.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Blux.SharedKernel.Api;

/// <summary>What every Blux operation that needs a token states, and only that: its scope, its module's tag, its operation id, summary and description.</summary>
public static class EndpointOperation
{
    public static RouteHandlerBuilder Operation(this RouteHandlerBuilder endpoint, string scope, string tag, string name, string summary, string? description = null)
    {
        endpoint.RequireAuthorization(Scopes.Policy(scope)).WithName(name).WithTags(tag).WithSummary(summary);
        return description is null ? endpoint : endpoint.WithDescription(description);
    }
}
