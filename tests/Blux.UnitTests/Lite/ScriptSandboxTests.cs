using System.Text.Json.Nodes;
using Blux.Modules.Lite;
using Blux.Modules.Lite.Routes;

namespace Blux.UnitTests.Lite;

/// <summary>
/// What a script can do to the host, short of nesting too deep (that family runs against a host in a
/// child process, where a stack overflow would end only the child): block, backtrack, import, and hand
/// back values no store can hold.
/// </summary>
public sealed class ScriptSandboxTests
{
    private static readonly ScriptRoute Route = ScriptRoutes.Create(new LiteOptions { MaxScriptOutputBytes = 4_096 });

    private static RouteContext Context(string source, double seconds = 5) =>
        new("task_1", "script", new JsonObject { ["language"] = "javascript", ["source"] = source }, 1,
            new RouteLimits(TimeSpan.FromSeconds(seconds), 64, []));

    private static async Task<JsonNode?> OutputAsync(string source) => (await Route.ExecuteAsync(Context(source), CancellationToken.None))!["output"];

    private static async Task<RouteException> FailureAsync(string source)
    {
        var act = () => Route.ExecuteAsync(Context(source), CancellationToken.None);
        return (await act.Should().ThrowAsync<RouteException>()).Which;
    }

    [Fact]
    public async Task Shared_memory_and_atomics_are_not_there()
    {
        (await OutputAsync("typeof Atomics + ' ' + typeof SharedArrayBuffer + ' ' + typeof globalThis.Atomics"))!.GetValue<string>().Should().Be("undefined undefined undefined");
    }

    [Theory]
    [InlineData("Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0)")]
    [InlineData("Atomics.waitAsync(new Int32Array(4), 0, 0)")]
    [InlineData("new SharedArrayBuffer(4)")]
    public async Task Waiting_on_shared_memory_fails_at_once_as_a_script_error(string source)
    {
        (await FailureAsync(source)).Code.Should().Be("SCRIPT_ERROR");
    }

    [Theory]
    [InlineData("/(a+)+$/.test('a'.repeat(40) + '!')")]
    [InlineData("new RegExp('(a|aa)+$').test('a'.repeat(60) + '!')")]
    [InlineData("('a'.repeat(40) + '!').replace(/(a+)+$/, '')")]
    [InlineData("('a'.repeat(40) + '!').split(/(a+)+$/)")]
    [InlineData("var x = 0; for (var i = 0; i < 1e5; i++) { x += i; } /(a+)+$/.exec('a'.repeat(40) + '!')")]
    public async Task A_catastrophic_regular_expression_ends_at_the_time_limit_as_a_time_out(string source)
    {
        var act = () => Route.ExecuteAsync(Context(source, seconds: 1), CancellationToken.None);

        await act.Should().ThrowAsync<TimeoutException>();
    }

    [Theory]
    [InlineData("import('fs')")]
    [InlineData("import('node:child_process').then(m => m.execSync('id'))")]
    [InlineData("import('https://example.com/x.js')")]
    public async Task Importing_a_module_is_a_script_error(string source)
    {
        var failure = await FailureAsync(source);

        failure.Code.Should().Be("SCRIPT_ERROR");
        failure.Message.Should().Contain("no modules");
    }

    [Fact]
    public async Task A_refused_import_can_be_caught_by_the_script()
    {
        (await OutputAsync("import('fs').then(() => 'loaded', e => e.name + ': ' + e.message)"))!.GetValue<string>()
            .Should().Be("TypeError: Cannot import 'fs': scripts have no modules.");
    }

    [Fact]
    public async Task A_fulfilled_promise_gives_its_value_as_the_output()
    {
        (await OutputAsync("Promise.resolve(20).then(x => ({ answer: x + 22 }))"))!["answer"]!.GetValue<double>().Should().Be(42);
    }

    [Fact]
    public async Task A_promise_that_never_settles_ends_at_the_time_limit()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var act = () => Route.ExecuteAsync(Context("new Promise(() => {})"), limit.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(ScriptOutput.MaxDepth)]
    public async Task An_output_up_to_the_storable_depth_is_kept(int depth)
    {
        var output = await OutputAsync($"var a = 1; for (var i = 0; i < {depth}; i++) {{ a = [a]; }} a");

        var levels = 0;
        for (var node = output; node is JsonArray array; node = array[0])
        {
            levels++;
        }

        levels.Should().Be(depth);
    }

    [Theory]
    [InlineData("var a = 1; for (var i = 0; i < 33; i++) { a = [a]; } a")]
    [InlineData("var a = {}; for (var i = 0; i < 62; i++) { a = { a: a }; } a")]
    [InlineData("var a = 1; for (var i = 0; i < 40; i++) { a = { toJSON: ((inner) => () => [inner])(a) }; } a")]
    [InlineData("var a = 1; for (var i = 0; i < 100; i++) { a = new Proxy([a], {}); } a")]
    public async Task An_output_nested_deeper_than_storable_fails_output_too_deep(string source)
    {
        (await FailureAsync(source)).Code.Should().Be("OUTPUT_TOO_DEEP");
    }

    [Theory]
    [InlineData("'\\ud800'")]
    [InlineData("({ text: 'ok \\udc00 ok' })")]
    [InlineData("({ ['\\ud83d']: 1 })")]
    [InlineData("[1, 2, 'x\\ud83d']")]
    [InlineData("({ toJSON() { return '\\udfff'; } })")]
    public async Task An_output_with_a_lone_surrogate_fails_output_not_json(string source)
    {
        var failure = await FailureAsync(source);

        failure.Code.Should().Be("OUTPUT_NOT_JSON");
        failure.Message.Should().Contain("lone surrogate");
    }

    [Fact]
    public async Task A_surrogate_pair_is_text_like_any_other()
    {
        (await OutputAsync("'\\ud83d\\ude00'"))!.GetValue<string>().Should().Be("\U0001F600");
    }

    [Theory]
    [InlineData("10n")]
    [InlineData("({ big: 10n })")]
    [InlineData("({ toJSON() { throw new Error('no'); } })")]
    public async Task An_output_json_cannot_write_fails_output_not_json(string source)
    {
        (await FailureAsync(source)).Code.Should().Be("OUTPUT_NOT_JSON");
    }

    [Theory]
    [InlineData("'x'.repeat(5000)")]
    [InlineData("new Array(1e9)")]
    [InlineData("var s = 'x'.repeat(1000); [s, s, s, s, s]")]
    [InlineData("var o = {}; for (var i = 0; i < 2000; i++) { o['k' + i] = i; } o")]
    public async Task An_output_larger_than_allowed_fails_output_too_large(string source)
    {
        var failure = await FailureAsync(source);

        failure.Code.Should().Be("OUTPUT_TOO_LARGE");
        failure.Message.Should().Contain("4096 bytes");
    }

    [Fact]
    public async Task Console_lines_are_kept_as_readable_text()
    {
        var result = await Route.ExecuteAsync(Context("console.log('half \\ud800 pair'); console.log('x'.repeat(4095) + '\\ud83d\\ude00'); console.log('y'.repeat(1e7), 'z'); 1"), CancellationToken.None);

        var lines = result!["console"]!.AsArray().Select(l => l!.GetValue<string>()).ToArray();
        lines[0].Should().Be("half \uFFFD pair");
        lines[1].Should().Be(new string('x', 4095), "a line is cut before a pair, never inside it");
        lines[2].Should().Be(new string('y', ScriptRoute.MaxConsoleLineLength));
    }

    [Fact]
    public async Task A_thrown_message_is_kept_short_and_readable()
    {
        var failure = await FailureAsync("throw new Error('\\ud800' + 'x'.repeat(100000))");

        failure.Code.Should().Be("SCRIPT_ERROR");
        failure.Message.Length.Should().BeLessThan(ScriptRoute.MaxMessageLength + 100);
        failure.Message.Should().StartWith("The script threw: \uFFFD");
    }

    [Theory]
    [InlineData("function add(a, b) { return a + b; } add.bind(null, 1)(2)", 3)]
    [InlineData("function P(x) { this.x = x; } new (P.bind(null, 5))().x", 5)]
    [InlineData("function add(a, b) { return a + b; } add.bind(null, 1).bind(null, 2)()", 3)]
    [InlineData("let n = 0; for (let i = 0; i < 1000; i++) { n += Math.max.bind(null, 1)(0); } n", 1000)]
    [InlineData("Function.prototype.call.bind(function (a) { return a * 2; })(null, 21)", 42)]
    public async Task Bind_works_as_it_always_has(string source, double expected)
    {
        (await OutputAsync(source))!.GetValue<double>().Should().Be(expected);
    }

    [Theory]
    [InlineData("let f = function () { return 1; }; for (let i = 0; i < 300; i++) { f = f.bind(null, i); } f()", "chained deeper than 256")]
    [InlineData("let f = function () { return 1; }; for (let i = 0; i < 300; i++) { f = new Proxy(f.bind(null, i), {}); } f()", "binds of a Proxy")]
    [InlineData("let f = function () { return 1; }; for (let i = 0; i < 300; i++) { f = Function.prototype.call.bind(f, null, i); } f()", "chained deeper than 256")]
    [InlineData("(function () {}).bind(null, ...new Array(65).fill(0))", "More than 64 bound arguments")]
    public async Task Chains_of_bound_functions_that_would_copy_their_arguments_quadratically_are_refused(string source, string message)
    {
        var failure = await FailureAsync(source);

        failure.Code.Should().Be("SCRIPT_ERROR");
        failure.Message.Should().Contain(message);
    }

    [Fact]
    public async Task The_statement_limit_still_counts_across_binds()
    {
        var route = ScriptRoutes.Create(new LiteOptions { MaxScriptStatements = 10_000 });

        var act = () => route.ExecuteAsync(Context("for (;;) { (function () {}).bind(null); }"), CancellationToken.None);

        (await act.Should().ThrowAsync<RouteException>()).Which.Code.Should().Be("STATEMENT_LIMIT");
    }
}
