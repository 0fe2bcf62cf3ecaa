using Blux.SharedKernel.Api;
using Blux.SharedKernel.Errors;
using Blux.SharedKernel.Identity;
using Blux.SharedKernel.Json;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Blux.Modules.Ca.Features.DryRunReflect;

internal static class DryRunReflectEndpoint
{
    /// <summary>
    /// tasks:write, like <c>POST /v1/validate</c>: it answers "what would happen to my task", a question
    /// for whoever may submit one, and it reads the caller's own history.
    /// </summary>
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/v1/reflect", async (HttpContext http, ISender sender, CancellationToken cancellationToken) =>
            {
                var caller = Caller.Require(http.User);
                var (_, body) = await JsonBody.ReadAsync<ReflectRequestBody>(http.Request.Body, cancellationToken);
                return Results.Ok(await sender.Send(new DryRunReflectCommand(caller, body), cancellationToken));
            })
            .Accepts<ReflectRequestBody>("application/json")
            .Produces<Contracts.Reflection>()
            .Operation(Scopes.TasksWrite, "Ca", "reflection_dry_run", "Reflect on a task request (dry run)",
                "The note (risk, recommendation, insight, confidence, factors, related_audit_ids) a task request would get now from the caller's history; nothing is kept or run.");
}
