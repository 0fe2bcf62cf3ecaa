using Blux.Modules.Lite.Routes;
using Blux.SharedKernel.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Blux.Modules.Lite.Features.ListRoutes;

internal static class ListRoutesEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/v1/routes", (RouteRegistry routes) => Results.Ok(new
            {
                routes = routes.Routes.Select(r => new { name = r.Name, task_types = r.TaskTypes, sandboxed = r.Sandboxed, description = r.Description }),
            }))
            .RequireAuthorization(Scopes.Policy(Scopes.TasksRead))
            .WithTags("Lite")
            .WithSummary("The execution routes, the task types each serves, and whether it is sandboxed.");
}
