using System.Text.Json.Nodes;
using Blux.Modules.Guard.Doctrine;
using Blux.SharedKernel.Api;
using Blux.SharedKernel.Errors;
using Blux.SharedKernel.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Blux.Modules.Guard.Features.UpdatePolicies;

internal static class UpdatePoliciesEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapCommand<JsonObject, JsonObject>(HttpMethods.Put, "/v1/policies", input => new UpdatePoliciesCommand(input.Caller, input.Raw))
            .Accepts<DoctrineView>("application/json")
            .Produces<DoctrineView>()
            .Produces<ErrorEnvelope>(StatusCodes.Status409Conflict)
            .Operation(Scopes.PoliciesWrite, "Guard", "policies_replace", "Replace the doctrine",
                "Replace the doctrine: validated, with a strictly newer doctrine_version, audited, applied without restart. Answers the doctrine now in force with its digest.");
}
