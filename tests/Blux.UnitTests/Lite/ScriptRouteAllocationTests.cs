using System.Text.Json.Nodes;
using Blux.Modules.Lite;
using Blux.Modules.Lite.Routes;

namespace Blux.UnitTests.Lite;

/// <summary>One huge allocation in a single statement must fail the script, not the host.</summary>
public sealed class ScriptRouteAllocationTests
{
    private static readonly ScriptRoute Route = ScriptRoutes.Create(new LiteOptions());

    private static RouteContext Context(string source) =>
        new("task_1", "script", new JsonObject { ["language"] = "javascript", ["source"] = source }, 1, new RouteLimits(TimeSpan.FromSeconds(10), 64, []));

    [Theory]
    [InlineData("'x'.repeat(1e9).length")]
    [InlineData("new Array(1e9).fill(0).length")]
    [InlineData("var s = 'x'; for (var i = 0; i < 40; i++) { s = s + s; } s.length")]
    public async Task A_single_huge_allocation_fails_the_script(string source)
    {
        var act = () => Route.ExecuteAsync(Context(source), CancellationToken.None);

        (await act.Should().ThrowAsync<RouteException>()).Which.Code.Should().BeOneOf("MEMORY_LIMIT", "SCRIPT_ERROR");
    }
}
