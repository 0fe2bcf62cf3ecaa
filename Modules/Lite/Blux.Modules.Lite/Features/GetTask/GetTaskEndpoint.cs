using Blux.Modules.Lite.Contracts;
using Blux.Modules.Lite.Execution;
using Blux.SharedKernel.Identity;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
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
            .RequireAuthorization(Scopes.Policy(Scopes.TasksRead))
            .Produces<TaskView>()
            .WithTags("Lite")
            .WithSummary("One of the caller's tasks (any task with tasks:read_all) with its route, reflection, result, error and audit trail; ?wait=N (≤ 60 s) answers once it has finished or N seconds have passed.");
}
