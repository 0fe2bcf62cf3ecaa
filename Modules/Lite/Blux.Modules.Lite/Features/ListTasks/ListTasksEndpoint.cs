using Blux.SharedKernel.Api;
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
            .WithMetadata(
                new ApiParameter("status", "Only tasks in this status.") { AllowedValues = ["accepted", "awaiting_approval", "queued", "running", "completed", "failed", "cancelled", "timed_out", "rejected"] },
                new ApiParameter("type", "Only tasks of this type.") { AllowedValues = ["echo", "test", "script", "data_analysis", "webhook"] },
                new ApiParameter("page_size", "Tasks per page.") { Type = ApiParameterType.Integer, Minimum = 1, Maximum = ListTasksQuery.MaxPageSize, Default = ListTasksQuery.DefaultPageSize },
                new ApiParameter("page_token", "The next_page_token of the page before; opaque."))
            .WithName("tasks_list")
            .WithTags("Lite")
            .WithSummary("List tasks")
            .WithDescription("The caller's tasks (every task with tasks:read_all) newest first, filtered by status and type, paged with next_page_token.");

    private static string? Optional(Microsoft.Extensions.Primitives.StringValues value) =>
        string.IsNullOrEmpty(value.ToString()) ? null : value.ToString();
}
