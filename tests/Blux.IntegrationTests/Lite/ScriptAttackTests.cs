using System.Net;
using System.Text.Json.Nodes;
using Blux.IntegrationTests.Infrastructure;

namespace Blux.IntegrationTests.Lite;

/// <summary>
/// Scripts that nest values, calls or code far deeper than any stack holds, each a way a stack overflow
/// (which no .NET code can catch) used to end the host. They run against Blux as a child process, so a
/// regression kills the child and not the test run: after each one the host must still be running and
/// answering, the task must have ended with a clear code, and a normal script must still complete.
/// </summary>
public sealed class ScriptAttackTests(ScriptAttackTests.Host host) : IClassFixture<ScriptAttackTests.Host>
{
    private const string NestedArrays = "let a = []; for (let i = 0; i < 200000; i++) { a = [a]; } ";
    private const string NestedObjects = "let a = {}; for (let i = 0; i < 200000; i++) { a = { a }; } ";

    /// <summary>One host for the whole family: it must survive all of them in a row.</summary>
    public sealed class Host : IAsyncLifetime
    {
        private readonly string _dataPath = TestDirectory.New();

        public HostProcess Process { get; private set; } = null!;

        public HttpClient Client { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Process = await HostProcess.StartAsync(_dataPath);
            Client = await Process.AdminClientAsync(_dataPath);
            await Client.SetConstraintsAsync(maxExecutionTime: "20s", maxMemoryMb: 512);
        }

        public async Task DisposeAsync()
        {
            Client.Dispose();
            await Process.DisposeAsync();
            TestDirectory.Delete(_dataPath);
        }
    }

    public static TheoryData<string, string> Attacks() => new()
    {
        // The reproduction: an array in an array 200 000 deep, turned into a string.
        { NestedArrays + "String(a).length", "STACK_LIMIT" },
        { NestedArrays + "a.join().length", "STACK_LIMIT" },
        { NestedArrays + "a.toLocaleString().length", "STACK_LIMIT" },
        { NestedArrays + "`${a}`.length", "STACK_LIMIT" },
        { NestedArrays + "JSON.stringify(a).length", "STACK_LIMIT" },
        { NestedObjects + "JSON.stringify(a).length", "STACK_LIMIT" },
        { NestedArrays + "a.flat(Infinity).length", "STACK_LIMIT" },
        // Handed back as the output: refused long before the stack matters.
        { NestedArrays + "a", "OUTPUT_TOO_DEEP" },
        { NestedObjects + "a", "OUTPUT_TOO_DEEP" },
        { "let a = 1; for (let i = 0; i < 62; i++) { a = [a]; } a", "OUTPUT_TOO_DEEP" },
        // Chains a single operation walks natively.
        { "let p = {}; for (let i = 0; i < 200000; i++) { p = new Proxy(p, {}); } p.x", "STACK_LIMIT" },
        { "let p = {}; for (let i = 0; i < 200000; i++) { p = new Proxy(p, {}); } Object.keys(p).length", "STACK_LIMIT" },
        { "let f = function () { return 1; }; for (let i = 0; i < 200000; i++) { f = new Proxy(f, {}); } f()", "STACK_LIMIT" },
        { "let f = function () { return 1; }; for (let i = 0; i < 200000; i++) { f = new Proxy(f, {}); } new f()", "STACK_LIMIT" },
        // Bound chains: refused long before a call through them could copy its arguments 200 000 times.
        { "let f = function () { return 1; }; for (let i = 0; i < 200000; i++) { f = f.bind(null); } f()", "SCRIPT_ERROR" },
        { "let f = function () { return 1; }; for (let i = 0; i < 200000; i++) { f = f.bind(null, i); } f()", "SCRIPT_ERROR" },
        { "let f = function () { return 1; }; for (let i = 0; i < 200000; i++) { f = Function.prototype.call.bind(f); } f()", "SCRIPT_ERROR" },
        { "let f = function () { return 1; }; for (let i = 0; i < 100000; i++) { f = new Proxy(f.bind(null, i, i, i, i, i, i, i, i), {}); } f()", "SCRIPT_ERROR" },
        { "let C = class {}; for (let i = 0; i < 100000; i++) { C = class extends C {}; } new C()", "STACK_LIMIT" },
        // Recursion through routes other than a call expression.
        { "let o = {}; for (let i = 0; i < 200000; i++) { const prev = o; o = { [Symbol.toPrimitive]: () => +prev }; } +o", "STACK_LIMIT" },
        { "let o = { valueOf() { return 1; } }; for (let i = 0; i < 100000; i++) { o = { valueOf: new Function('p', 'return function () { return +p; }')(o) }; } +o", "STACK_LIMIT" },
        { "function* g(n) { if (n > 0) { yield* g(n - 1); } else { yield 1; } } [...g(100000)].length", "STACK_LIMIT" },
        { "var s = 'eval(s)'; eval(s)", "STACK_LIMIT" },
        { "function down(n) { return down(n + 1); } down(0)", "RECURSION_LIMIT" },
        // Code nested too deep to parse, built at run time.
        { "eval('['.repeat(30000) + ']'.repeat(30000))", "STACK_LIMIT" },
        { "new Function('return ' + '('.repeat(30000) + '1' + ')'.repeat(30000))()", "STACK_LIMIT" },
        { "eval('{'.repeat(30000) + '}'.repeat(30000))", "STACK_LIMIT" },
        { "eval('var a; ' + 'a = '.repeat(20000) + '1')", "SCRIPT_ERROR" },
        { "JSON.parse('['.repeat(100000) + ']'.repeat(100000))", "SCRIPT_ERROR" },
    };

    [Theory]
    [MemberData(nameof(Attacks))]
    public async Task A_script_nesting_too_deep_fails_with_a_code_and_the_host_lives_on(string source, string code)
    {
        var request = Script(source);
        await host.Client.SubmitAsync(request);

        var task = await host.Client.FinishedAsync(request.Id());

        host.Process.HasExited.Should().BeFalse("no script may take the host down");
        task["status"]!.GetValue<string>().Should().Be("failed", task.ToJsonString());
        task["error"]!["code"]!.GetValue<string>().Should().Be(code, task.ToJsonString());
        (await host.Client.GetAsync("/health")).StatusCode.Should().Be(HttpStatusCode.OK);
        await NormalScriptCompletesAsync();
    }

    [Fact]
    public async Task Deep_values_the_script_only_logs_or_walks_iteratively_are_fine()
    {
        var request = Script(NestedArrays + "console.log(a); let o = {}; for (let i = 0; i < 200000; i++) { o = Object.create(o); } [o.missing === undefined, 'x' in o]");
        await host.Client.SubmitAsync(request);

        var task = await host.Client.FinishedAsync(request.Id());

        task["status"]!.GetValue<string>().Should().Be("completed", task.ToJsonString());
        task["result"]!["output"]!.AsArray().Select(v => v!.GetValue<bool>()).Should().Equal(true, false);
    }

    private static JsonObject Script(string source) =>
        TaskRequest.Create("script", new JsonObject { ["language"] = "javascript", ["source"] = source });

    private async Task NormalScriptCompletesAsync()
    {
        var request = Script("[1, 2, 3].map(x => x * 2)");
        await host.Client.SubmitAsync(request);
        var task = await host.Client.FinishedAsync(request.Id());
        task["status"]!.GetValue<string>().Should().Be("completed", task.ToJsonString());
        task["result"]!["output"]!.AsArray().Select(v => v!.GetValue<double>()).Should().Equal(2, 4, 6);
    }
}
