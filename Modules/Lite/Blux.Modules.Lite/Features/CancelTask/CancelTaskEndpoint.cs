using Blux.Modules.Lite.Contracts;
using Blux.Modules.Lite.Execution;
using Blux.Modules.Lite.Features.GetTask;
using Blux.SharedKernel.Api;
using Blux.SharedKernel.Errors;
using Blux.SharedKernel.Identity;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Blux.Modules.Lite.Features.CancelTask;

internal static class CancelTaskEndpoint
{
    /// <summary>How long the answer waits for a running task to act on the cancel.</summary>
    private static readonly TimeSpan StopWait = TimeSpan.FromSeconds(5);

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/v1/tasks/{taskId}/cancel", HandleAsync)
            .Accepts<TaskActionBody>("application/json")
            .Produces<TaskView>()
            .Produces<TaskView>(StatusCodes.Status202Accepted)
            .Produces<ErrorEnvelope>(StatusCodes.Status409Conflict)
            .Operation(Scopes.TasksWrite, "Lite", "tasks_cancel", "Cancel a task",
                "Cancel a held or queued task (200), or ask a running one to stop (200 once it has, 202 while it still runs). 409 when the task is finished or already being cancelled.");

    private static async Task<IResult> HandleAsync(string taskId, HttpContext http, ISender sender, TaskCompletionNotifier notifier, CancellationToken cancellationToken)
    {
        var caller = Caller.Require(http.User);
        var reason = await TaskActionRequest.ReadReasonAsync(http.Request, cancellationToken);
        using var waiter = notifier.Register(taskId);
        var result = await sender.Send(new CancelTaskCommand(caller, taskId, reason), cancellationToken);
        if (result.Requested)
        {
            await TaskWait.ForAsync(waiter.Finished, StopWait, cancellationToken);
        }

        var view = await sender.Send(new GetTaskQuery(caller, taskId), cancellationToken);
        return TaskStatuses.IsTerminal(view.Status) ? Results.Ok(view) : Results.Json(view, statusCode: StatusCodes.Status202Accepted);
    }
}
