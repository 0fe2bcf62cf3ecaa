using Blux.Modules.Lite.Contracts;
using Blux.Modules.Lite.Execution;
using Blux.SharedKernel.Api;
using Blux.SharedKernel.Identity;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Blux.Modules.Lite.Features.GetTask;

internal static class GetTaskEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/v1/tasks/{taskId}", async (string taskId, HttpRequest request, ISender sender, TaskCompletionNotifier notifier, IOptions<LiteOptions> options, CancellationToken cancellationToken) =>
            {
                var wait = TaskWait.Read(request, options.Value.MaxWait);
                var caller = Caller.Require(request.HttpContext.User);
                if (wait == TimeSpan.Zero)
                {
                    return Results.Ok(await sender.Send(new GetTaskQuery(caller, taskId), cancellationToken));
                }

                using var waiter = notifier.Register(taskId);
                var view = await sender.Send(new GetTaskQuery(caller, taskId), cancellationToken);
                if (TaskStatuses.IsTerminal(view.Status))
                {
                    return Results.Ok(view);
                }

                await TaskWait.ForAsync(waiter.Finished, wait, cancellationToken);
                return Results.Ok(await sender.Send(new GetTaskQuery(caller, taskId), cancellationToken));
            })
            .Produces<TaskView>()
            .WithMetadata(new ApiParameter("wait", "Seconds to wait for the task to finish before answering; 0 answers at once.")
            {
                Type = ApiParameterType.Integer,
                Minimum = 0,
                Maximum = (long)app.ServiceProvider.GetRequiredService<IOptions<LiteOptions>>().Value.MaxWait.TotalSeconds,
                Default = 0,
            })
            .Operation(Scopes.TasksRead, "Lite", "tasks_get", "Get a task",
                "One of the caller's tasks (any task with tasks:read_all) with its route, reflection, result, error and audit trail; with ?wait=N the answer comes once it has finished or N seconds have passed. A task the caller may not see is 404, as one that does not exist.");
}
