using Blux.SharedKernel.Api;
using Blux.SharedKernel.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Blux.Modules.Lite.Features.ListTasks;

internal static class ListTasksEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapQuery<ListTasksQuery, TaskPage>("/v1/tasks")
            .Produces<TaskPage>()
            .WithMetadata(
                new ApiParameter("status", "Only tasks in this status.") { AllowedValues = ["accepted", "awaiting_approval", "queued", "running", "completed", "failed", "cancelled", "timed_out", "rejected"] },
                new ApiParameter("type", "Only tasks of this type.") { AllowedValues = ["echo", "test", "script", "data_analysis", "webhook"] },
                new ApiParameter("identity", "Only tasks submitted by this identity, as the audit log names it (user:alice); with tasks:read_all."),
                new ApiParameter("since", "Only tasks created at or after this time (RFC 3339 with its offset).") { Format = "date-time" },
                new ApiParameter("until", "Only tasks created before this time (RFC 3339 with its offset).") { Format = "date-time" },
                new ApiParameter("page_size", "Tasks per page.") { Type = ApiParameterType.Integer, Minimum = 1, Maximum = ListTasksQuery.MaxPageSize, Default = ListTasksQuery.DefaultPageSize },
                new ApiParameter("page_token", "The next_page_token of the page before; opaque."))
            .Operation(Scopes.TasksRead, "Lite", "tasks_list", "List tasks",
                "The caller's tasks (every task with tasks:read_all) newest first, filtered by status, type, submitting identity and creation time, paged with next_page_token.");

}
