using Blux.SharedKernel.Errors;
using Blux.SharedKernel.Identity;
using Blux.SharedKernel.Json;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Blux.Modules.Reg.Features.CreateIdentity;

internal static class CreateIdentityEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/v1/identities", HandleAsync)
            .RequireAuthorization(Scopes.Policy(Scopes.IdentitiesWrite))
            .Accepts<CreateIdentityBody>("application/json")
            .Produces<CreatedIdentity>(StatusCodes.Status201Created)
            .WithTags("Reg")
            .WithSummary("Create a user or service identity with doctrine roles; answers its client_secret, shown this once.");

    private static async Task<IResult> HandleAsync(HttpContext http, ISender sender, CancellationToken cancellationToken)
    {
        var (_, body) = await JsonBody.ReadAsync<CreateIdentityBody>(http.Request.Body, cancellationToken);
        var caller = Caller.Require(http.User);
        var created = await sender.Send(new CreateIdentityCommand(caller, body.Id, body.Kind, body.DisplayName, body.Roles), cancellationToken);
        return Results.Created($"/v1/identities/{Uri.EscapeDataString(created.Id)}", created);
    }

    internal sealed record CreateIdentityBody(string? Id, string? Kind, string? DisplayName, List<string?>? Roles);
}
