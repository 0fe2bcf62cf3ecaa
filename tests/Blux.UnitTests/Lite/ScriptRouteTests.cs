using System.Text.Json.Nodes;
using Blux.Modules.Lite;
using Blux.Modules.Lite.Routes;
using Blux.SharedKernel.Errors;

namespace Blux.UnitTests.Lite;

public sealed class ScriptRouteTests
{
    private static readonly ScriptRoute Route = ScriptRoutes.Create(new LiteOptions { MaxScriptStatements = 10_000, MaxScriptRecursion = 64 });

    private static RouteContext Context(string source, int memoryMb = 64) =>
        new("task_1", "script", new JsonObject { ["language"] = "javascript", ["source"] = source, ["input"] = new JsonObject { ["x"] = 2 } }, 1,
            new RouteLimits(TimeSpan.FromSeconds(5), memoryMb, []));

    [Fact]
    public void A_syntax_error_is_refused_before_anything_runs_naming_the_line()
    {
        var act = () => ((ITaskRoute)Route).Validate(new JsonObject { ["language"] = "javascript", ["source"] = "var ok = 1;\nfunction (" });

        var error = act.Should().Throw<BluxException>().Which;
        error.Details["field"].Should().Be("payload.source");
        error.Details["issue"].Should().Be("syntax_error");
        error.Details["line"].Should().Be(2);
    }

    [Fact]
    public async Task The_input_is_readable_and_the_last_value_is_the_output()
    {
        var result = await Route.ExecuteAsync(Context("input.x * 21"), CancellationToken.None);

        result!["output"]!.GetValue<double>().Should().Be(42);
    }

    [Fact]
    public async Task The_statement_limit_stops_a_long_loop_even_with_time_left()
    {
        var act = () => Route.ExecuteAsync(Context("for (var i = 0; i < 1e9; i++) { }"), CancellationToken.None);

        (await act.Should().ThrowAsync<RouteException>()).Which.Code.Should().Be("STATEMENT_LIMIT");
    }

    [Fact]
    public async Task A_cancelled_token_stops_the_script_as_a_cancellation()
    {
        using var source = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        var route = ScriptRoutes.Create(new LiteOptions());

        var act = () => route.ExecuteAsync(Context("while (true) { }"), source.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task A_circular_output_is_not_json()
    {
        var act = () => Route.ExecuteAsync(Context("var a = {}; a.self = a; a"), CancellationToken.None);

        (await act.Should().ThrowAsync<RouteException>()).Which.Code.Should().Be("OUTPUT_NOT_JSON");
    }
}
