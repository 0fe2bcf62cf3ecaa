using System.Text.Json.Nodes;
using Blux.Modules.Guard.Doctrine;
using Blux.SharedKernel.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Blux.Modules.Guard.Features.Policies;

internal static class GetPoliciesEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/v1/policies", (ActiveDoctrine doctrine) =>
            {
                var current = doctrine.Current;
                var json = JsonNode.Parse(current.Json)!.AsObject();
                json["digest"] = current.Digest;
                return Results.Ok(json);
            })
            .RequireAuthorization(Scopes.Policy(Scopes.PoliciesRead))
            .WithTags("Guard")
            .WithSummary("The doctrine in force, with its digest.");
}
