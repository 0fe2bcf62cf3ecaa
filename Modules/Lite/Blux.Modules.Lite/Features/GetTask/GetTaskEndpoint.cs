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
                var finished = wait > TimeSpan.Zero ? notifier.WaitFor(taskId) : Task.CompletedTask;
                var view = await sender.Send(new GetTaskQuery(taskId), cancellationToken);
                if (wait > TimeSpan.Zero && !TaskStatuses.IsTerminal(view.Status))
                {
                    await Task.WhenAny(finished, Task.Delay(wait, cancellationToken));
                    view = await sender.Send(new GetTaskQuery(taskId), cancellationToken);
                }

                return Results.Ok(view);
            })
            .RequireAuthorization(Scopes.Policy(Scopes.TasksRead))
            .Produces<TaskView>()
            .WithTags("Lite")
            .WithSummary("A task with its route, reflection, result, error and audit trail; ?wait=N (≤ 60 s) answers once it has finished or N seconds have passed.");
}
