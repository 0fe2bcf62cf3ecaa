using Blux.Modules.Reg.Domain;
using Blux.Modules.Reg.Keys;
using Blux.SharedKernel.Api;
using Blux.SharedKernel.Errors;
using Blux.SharedKernel.Identity;
using Blux.SharedKernel.Vocabulary;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Blux.Modules.Reg.Features.ListKeys;

internal static class ListKeysEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/v1/keys", (HttpRequest request, KeyLifecycle lifecycle, TimeProvider clock) =>
            {
                var keyType = Filter(request, "key_type", KeyLifecycle.KeyTypes);
                var status = Filter(request, "status", WireName<KeyStatus>.All);
                var keys = lifecycle.List(clock.GetUtcNow())
                    .Where(k => (keyType is null || k.KeyType == keyType) && (status is null || k.Status == status))
                    .ToArray();
                return Results.Ok(new KeyList(keys));
            })
            .Produces<KeyList>()
            .WithMetadata(
                new ApiParameter("key_type", "Only keys of this type.") { AllowedValues = KeyLifecycle.KeyTypes },
                new ApiParameter("status", "Only keys in this status.") { AllowedValues = WireName<KeyStatus>.All })
            .Operation(Scopes.KeysRotate, "Reg", "keys_list", "List signing keys",
                "Every signing key with its type, status and dates (optional ?key_type= and ?status=); never private material.");

    private static string? Filter(HttpRequest request, string name, IReadOnlyList<string> allowed)
    {
        var value = request.Query[name].ToString();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        return allowed.Contains(value)
            ? value
            : throw BluxException.Validation(name, "unknown_value", $"{name} must be one of: {string.Join(", ", allowed)}.");
    }

    internal sealed record KeyList(IReadOnlyList<KeyView> Keys);
}
