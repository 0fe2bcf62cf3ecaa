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
    public void A_script_that_parses_only_outside_strict_mode_is_refused_at_submit_since_it_runs_in_strict_mode()
    {
        var act = () => ((ITaskRoute)Route).Validate(new JsonObject { ["language"] = "javascript", ["source"] = "var o = {a: 1};\nwith (o) { a }" });

        var error = act.Should().Throw<BluxException>().Which;
        error.Details["issue"].Should().Be("syntax_error");
        error.Details["line"].Should().Be(2);
    }

    [Fact]
    public void Whether_a_script_is_accepted_does_not_depend_on_the_stack_the_caller_has_left()
    {
        // 2,000 nested parentheses parse within the script thread's stack, but not within the little a
        // caller thread of 256 KiB has: the parse must not run on the caller's stack.
        var payload = new JsonObject { ["language"] = "javascript", ["source"] = new string('(', 2_000) + "1" + new string(')', 2_000) };
        Exception? failure = null;
        var caller = new Thread(
            () =>
            {
                try
                {
                    ((ITaskRoute)Route).Validate(payload);
                }
                catch (Exception exception)
                {
                    failure = exception;
                }
            },
            256 * 1024);

        caller.Start();
        caller.Join();

        failure.Should().BeNull();
    }

    [Theory]
    [InlineData('[', ']')]
    [InlineData('(', ')')]
    [InlineData('{', '}')]
    public void A_script_nested_past_the_script_stack_is_refused_as_too_deeply_nested(char open, char close)
    {
        var act = () => ((ITaskRoute)Route).Validate(new JsonObject { ["language"] = "javascript", ["source"] = new string(open, 30_000) + new string(close, 30_000) });

        act.Should().Throw<BluxException>().Which.Details["issue"].Should().Be("too_deeply_nested");
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
