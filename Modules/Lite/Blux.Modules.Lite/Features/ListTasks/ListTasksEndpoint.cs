using Blux.SharedKernel.Errors;
using Blux.SharedKernel.Identity;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Blux.Modules.Lite.Features.ListTasks;

internal static class ListTasksEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/v1/tasks", async (HttpRequest request, ISender sender, CancellationToken cancellationToken) =>
            {
                var query = request.Query;
                int? pageSize = null;
                if (query.TryGetValue("page_size", out var rawSize))
                {
                    pageSize = int.TryParse(rawSize.ToString(), out var parsed)
                        ? parsed
                        : throw BluxException.Validation("page_size", "wrong_type", "page_size must be a whole number.");
                }

                return Results.Ok(await sender.Send(
                    new ListTasksQuery(Caller.Require(request.HttpContext.User), Optional(query["status"]), Optional(query["type"]), pageSize, Optional(query["page_token"])),
                    cancellationToken));
            })
            .RequireAuthorization(Scopes.Policy(Scopes.TasksRead))
            .Produces<TaskPage>()
            .WithTags("Lite")
            .WithSummary("The caller's tasks (every task with tasks:read_all) newest first: ?status=&type=&page_size=(1-200, default 50)&page_token= → {tasks[], next_page_token}.");

    private static string? Optional(Microsoft.Extensions.Primitives.StringValues value) =>
        string.IsNullOrEmpty(value.ToString()) ? null : value.ToString();
}
