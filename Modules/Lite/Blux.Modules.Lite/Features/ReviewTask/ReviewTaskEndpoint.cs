using Blux.Modules.Lite.Domain;
using Blux.Modules.Lite.Features.GetTask;
using Blux.SharedKernel.Api;
using Blux.SharedKernel.Errors;
using Blux.SharedKernel.Identity;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Blux.Modules.Lite.Features.ReviewTask;

internal static class ReviewTaskEndpoint
{
    public static void Map(IEndpointRouteBuilder app)
    {
        MapAction(app, TaskAction.Approve, "Approve a task", "Approve a task awaiting approval: it is queued to run. Not by its submitter (403); 409 unless awaiting_approval.");
        MapAction(app, TaskAction.Reject, "Reject a task", "Reject a task awaiting approval: it ends rejected. Not by its submitter (403); 409 unless awaiting_approval.");
    }

    private static void MapAction(IEndpointRouteBuilder app, TaskAction action, string summary, string description) =>
        app.MapPost($"/v1/tasks/{{taskId}}/{action.Name()}", async (string taskId, HttpContext http, ISender sender, CancellationToken cancellationToken) =>
            {
                var caller = Caller.Require(http.User);
                var reason = await TaskActionRequest.ReadReasonAsync(http.Request, cancellationToken);
                await sender.Send(new ReviewTaskCommand(caller, taskId, action, reason), cancellationToken);
                return Results.Ok(await sender.Send(new GetTaskQuery(caller, taskId), cancellationToken));
            })
            .Accepts<TaskActionBody>("application/json")
            .Produces<TaskView>()
            .Produces<ErrorEnvelope>(StatusCodes.Status409Conflict)
            .Operation(Scopes.TasksApprove, "Lite", "tasks_" + action.Name(), summary,
                description);
}
