using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Blux.SharedKernel.Api;
using Blux.SharedKernel.Errors;
using Blux.SharedKernel.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Blux.Modules.Reg.Features.CreateIdentity;

internal static class CreateIdentityEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapCommand<CreateIdentityBody, CreatedIdentity>(
                HttpMethods.Post,
                "/v1/identities",
                input => new CreateIdentityCommand(input.Caller, input.Body.Id, input.Body.Kind, input.Body.DisplayName, input.Body.Roles),
                (_, created) => Results.Created($"/v1/identities/{Uri.EscapeDataString(created.Id)}", created))
            .Accepts<CreateIdentityBody>("application/json")
            .Produces<CreatedIdentity>(StatusCodes.Status201Created)
            .Produces<ErrorEnvelope>(StatusCodes.Status409Conflict)
            .WithMetadata(new ApiExample("service", "A service identity", """{"id":"svc_ingest","kind":"service","display_name":"Ingest service","roles":["service"]}"""))
            .Operation(Scopes.IdentitiesWrite, "Reg", "identities_create", "Create an identity",
                "Create a user or service identity with doctrine roles; answers its client_secret, shown this once.");

    [RequestSchema]
    internal sealed record CreateIdentityBody(
        [property: Description("The new identity's id; Blux makes one when it is left out.")]
        [property: RegularExpression("^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$")]
        string? Id,
        [property: Required, AllowedValues("user", "service")] string? Kind,
        [property: Required] string? DisplayName,
        [property: Required, Description("Doctrine roles (admin, operator, auditor, approver, service, or the doctrine's own).")] List<string>? Roles);
}
