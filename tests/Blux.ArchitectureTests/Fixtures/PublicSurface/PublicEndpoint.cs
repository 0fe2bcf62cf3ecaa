using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Blux.ArchitectureTests.Fixtures.PublicSurface;

/// <summary>Breaks rule 5: an endpoint class that is public.</summary>
public static class PublicEndpoint
{
    public static void Map(IEndpointRouteBuilder app) => app.MapGet("/leak", () => "leak").AllowAnonymous();
}
