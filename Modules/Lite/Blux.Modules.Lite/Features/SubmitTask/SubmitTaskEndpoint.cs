using Blux.Modules.Lite.Contracts;
using Blux.Modules.Lite.Execution;
using Blux.Modules.Lite.Features.GetTask;
using Blux.SharedKernel;
using Blux.SharedKernel.Api;
using Blux.SharedKernel.Errors;
using Blux.SharedKernel.Identity;
using Blux.SharedKernel.Json;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Blux.Modules.Lite.Features.SubmitTask;

internal static class SubmitTaskEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/v1/tasks", HandleAsync)
            .Accepts<TaskRequestBody>("application/json")
            .Produces<TaskAccepted>(StatusCodes.Status202Accepted)
            .Produces<TaskView>(StatusCodes.Status200OK)
            .Produces<ErrorEnvelope>(StatusCodes.Status409Conflict)
            .WithMetadata(
                new ApiParameter("wait", "Seconds to wait for the task to finish: the finished task (200) if it ends in time, else the acceptance (202).")
                {
                    Type = ApiParameterType.Integer,
                    Minimum = 0,
                    Maximum = (long)app.ServiceProvider.GetRequiredService<IOptions<LiteOptions>>().Value.MaxWait.TotalSeconds,
                    Default = 0,
                },
                new ApiExample("seed", "A task request: an echo task with reflection and a sandbox", SeedRequest),
                new ApiExample("accepted", "Accepted (a real answer)", """{"task_id":"task_abc124","status":"accepted","audit_id":"aud_01a21c54f4467d1dafdd50f2f0661a2b","estimated_completion":"2026-11-27T09:28:09.314Z"}""", StatusCodes.Status202Accepted))
            .Operation(Scopes.TasksWrite, "Lite", "tasks_submit", "Submit a task",
                "Submits a task request: authenticated, validated by Guard, reflected on by Ca when required, routed and run by Lite, audited. 202 when accepted; with ?wait=N the finished task (200) if it ends within N seconds. The same task_id and body from the same identity answer the existing task; another body is 409. An unknown type is 400 with the known types in details.");

    /// <summary>The README's task request, as Swagger UI fills it in.</summary>
    private const string SeedRequest = "{\"task_id\":\"task_abc123\",\"type\":\"echo\",\"context\":{\"user_id\":\"user_alice\",\"environment\":\"development\",\"sensitivity\":\"medium\"},\"doctrine_requirements\":{\"require_reflection\":true,\"sandbox_execution\":true,\"audit_level\":\"detailed\"},\"payload\":{\"operation\":\"analyze\",\"data_references\":[\"ref://data/set1\"]}}";

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
            new TaskAccepted(
                result.TaskId,
                result.Existing ? result.Status : result.Status == TaskStatuses.Queued ? TaskStatuses.Accepted : result.Status,
                result.AuditId,
                result.EstimatedCompletion),
            BluxJson.Options,
            statusCode: StatusCodes.Status202Accepted);
    }
}
