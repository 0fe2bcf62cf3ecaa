using Blux.Modules.Lite.Contracts;
using Blux.Modules.Lite.Execution;
using Blux.Modules.Lite.Features.GetTask;
using Blux.SharedKernel;
using Blux.SharedKernel.Identity;
using Blux.SharedKernel.Json;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Blux.Modules.Lite.Features.SubmitTask;

internal static class SubmitTaskEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/v1/tasks", HandleAsync)
            .RequireAuthorization(Scopes.Policy(Scopes.TasksWrite))
            .Accepts<TaskRequestBody>("application/json")
            .Produces(StatusCodes.Status202Accepted)
            .Produces(StatusCodes.Status200OK)
            .WithTags("Lite")
            .WithSummary("Submit a task (the seed's task request). 202 when accepted; with ?wait=N (≤ 60 s) the finished task, 200, if it ends in time.");

    private static async Task<IResult> HandleAsync(
        HttpContext http,
        ISender sender,
        TaskCompletionNotifier notifier,
        TimeProvider clock,
        IOptions<LiteOptions> options,
        CancellationToken cancellationToken)
    {
        var wait = TaskWait.Read(http.Request, options.Value.MaxWait);
        var (raw, body) = await JsonBody.ReadAsync<TaskRequestBody>(http.Request.Body, cancellationToken);
        var caller = Caller.Require(http.User);

        // A waiting client registers for the task's end before the task exists, so an end that comes
        // before the submission returns is not missed.
        var taskId = body.TaskId ?? BluxId.New(BluxId.Task, clock);
        using var waiter = wait > TimeSpan.Zero ? notifier.Register(taskId) : null;
        var result = await sender.Send(new SubmitTaskCommand(caller, body, raw, taskId), cancellationToken);
        if (waiter is not null && !TaskStatuses.IsTerminal(result.Status))
        {
            await TaskWait.ForAsync(waiter.Finished, wait, cancellationToken);
        }

        if (wait > TimeSpan.Zero)
        {
            var view = await sender.Send(new GetTaskQuery(caller, result.TaskId), cancellationToken);
            if (TaskStatuses.IsTerminal(view.Status))
            {
                return Results.Ok(view);
            }
        }

        return Results.Json(
            new
            {
                task_id = result.TaskId,
                status = result.Existing ? result.Status : result.Status == TaskStatuses.Queued ? TaskStatuses.Accepted : result.Status,
                audit_id = result.AuditId,
                estimated_completion = result.EstimatedCompletion,
            },
            BluxJson.Options,
            statusCode: StatusCodes.Status202Accepted);
    }
}
