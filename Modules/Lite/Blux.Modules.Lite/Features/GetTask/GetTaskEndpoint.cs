using Blux.SharedKernel.Identity;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Blux.Modules.Lite.Features.GetTask;

internal static class GetTaskEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/v1/tasks/{taskId}", async (string taskId, ISender sender, CancellationToken cancellationToken) =>
                Results.Ok(await sender.Send(new GetTaskQuery(taskId), cancellationToken)))
            .RequireAuthorization(Scopes.Policy(Scopes.TasksRead))
            .Produces<TaskView>()
            .WithTags("Lite")
            .WithSummary("A task with its route, reflection, result, error and audit trail.");
}
