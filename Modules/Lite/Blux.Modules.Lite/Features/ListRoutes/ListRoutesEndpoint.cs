using Blux.Modules.Lite.Routes;
using Blux.SharedKernel.Api;
using Blux.SharedKernel.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Blux.Modules.Lite.Features.ListRoutes;

internal static class ListRoutesEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/v1/routes", (RouteRegistry routes) => Results.Ok(new RouteList(
                routes.Routes.Select(r => new RouteInfo(r.Name, r.TaskTypes, r.Sandboxed, r.Description)).ToArray())))
            .Produces<RouteList>()
            .Operation(Scopes.TasksRead, "Lite", "routes_list", "List routes",
                "The execution routes, the task types each serves, and whether it is sandboxed.");

    internal sealed record RouteList(IReadOnlyList<RouteInfo> Routes);

    internal sealed record RouteInfo(string Name, IReadOnlyList<string> TaskTypes, bool Sandboxed, string Description);
}
