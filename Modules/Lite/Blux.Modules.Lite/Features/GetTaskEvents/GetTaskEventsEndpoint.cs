using System.Text.Json.Nodes;
using Blux.Modules.Guard.Contracts;
using Blux.SharedKernel.Api;
using Blux.SharedKernel;
using Blux.SharedKernel.Identity;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Blux.Modules.Lite.Features.GetTaskEvents;

internal static class GetTaskEventsEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/v1/tasks/{taskId}/events", async (string taskId, HttpContext http, TaskAccess access, ISender sender, CancellationToken cancellationToken) =>
            {
                _ = await access.FindAsync(Caller.Require(http.User), taskId, cancellationToken);
                var events = await sender.Send(new Guard.Contracts.GetTaskEvents(taskId), cancellationToken);
                DateTimeOffset? previous = null;
                var items = new JsonArray();
                foreach (var evt in events)
                {
                    BluxTime.TryParse(evt["timestamp"]?.GetValue<string>(), out var at);
                    items.Add(new JsonObject
                    {
                        ["since_previous_ms"] = previous is null ? 0 : Math.Round((at - previous.Value).TotalMilliseconds, 3),
                        ["event"] = evt,
                    });
                    previous = at;
                }

                return Results.Ok(new JsonObject { ["task_id"] = taskId, ["events"] = items });
            })
            .Produces<TaskEvents>()
            .Operation(Scopes.TasksRead, "Lite", "tasks_events", "List a task's events",
                "The BLUXEvents of a task the caller may see, in order, each signed, with the time since the one before.");
}
