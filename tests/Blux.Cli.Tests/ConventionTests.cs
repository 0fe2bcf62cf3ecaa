using System.CommandLine;
using System.Net;
using System.Text;
using Blux.Cli.Tests.Infrastructure;

namespace Blux.Cli.Tests;

public sealed class ConventionTests(CliHost host) : IClassFixture<CliHost>
{
    [Fact]
    public async Task A_503_with_Retry_After_is_retried_and_the_command_succeeds()
    {
        using var cli = BluxqRunner.For(host.Factory);
        await cli.LoginAdminAsync(host.Factory);
        var calls = 0;
        cli.Wrap = inner => new FirstAnswers(inner, () => Interlocked.Increment(ref calls) <= 2 ? Busy(HttpStatusCode.ServiceUnavailable) : null);

        var result = await cli.RunAsync("task", "list");

        result.ExitCode.Should().Be(0, result.ToString());
        calls.Should().Be(3);
        result.Error.Should().Contain("503 from Blux, retry 1 of 4").And.Contain("retry 2 of 4");
    }

    [Fact]
    public async Task A_429_that_outlasts_the_retries_ends_with_the_envelope_and_exit_1()
    {
        using var cli = BluxqRunner.For(host.Factory);
        await cli.LoginAdminAsync(host.Factory);
        cli.Variables["BLUXQ_RETRIES"] = "2";
        var calls = 0;
        cli.Wrap = inner => new FirstAnswers(inner, () => { Interlocked.Increment(ref calls); return Busy(HttpStatusCode.TooManyRequests); });

        var result = await cli.RunAsync("task", "list");

        result.ExitCode.Should().Be(1, result.ToString());
        calls.Should().Be(3, "one try and two retries");
        result.Error.Should().Contain("RATE_LIMIT_EXCEEDED: Slow down.");
    }

    [Fact]
    public async Task An_answer_without_an_envelope_is_named_by_its_status()
    {
        using var cli = BluxqRunner.For(host.Factory);
        await cli.LoginAdminAsync(host.Factory);
        cli.Wrap = inner => new FirstAnswers(inner, () => new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent("<html>proxy</html>") });

        var result = await cli.RunAsync("task", "list");

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("HTTP_502");
    }

    [Fact]
    public void Every_command_has_a_description_and_examples()
    {
        var root = Bluxq.Build(new CliEnvironment { Out = TextWriter.Null, Error = TextWriter.Null, Variables = new Dictionary<string, string>() });
        var missing = All(root).Where(c => string.IsNullOrWhiteSpace(c.Description) || CommandFactory.Examples(c).Count == 0).Select(Bluxq.Path).ToList();

        missing.Should().BeEmpty();
        All(root).Count().Should().BeGreaterThan(40);
    }

    [Fact]
    public async Task Help_ends_with_the_examples_and_exits_0()
    {
        using var cli = new BluxqRunner(handler: null);
        var result = await cli.RunAsync("audit", "verify", "--help");

        result.ExitCode.Should().Be(0);
        result.Out.Should().Contain("Examples:").And.Contain("bluxq audit verify audit.jsonl");
    }

    [Theory]
    [InlineData("bash", "complete -o default -F _bluxq bluxq")]
    [InlineData("zsh", "bashcompinit")]
    [InlineData("fish", "complete -c bluxq -f -n '__fish_seen_subcommand_from task' -a submit")]
    public async Task Completion_prints_a_script_from_the_command_tree(string shell, string expected)
    {
        using var cli = new BluxqRunner(handler: null);
        var result = await cli.RunAsync("completion", shell);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Out.Should().Contain(expected);
        result.Out.Should().Contain("verify").And.Contain("client-secret-file");
    }

    [Fact]
    public async Task The_bash_script_completes_subcommands_in_bash()
    {
        using var cli = new BluxqRunner(handler: null);
        var script = cli.WriteFile("bluxq.bash", (await cli.RunAsync("completion", "bash")).Out);
        var probe = $"source '{script}'; COMP_WORDS=(bluxq task su); COMP_CWORD=2; _bluxq; echo \"${{COMPREPLY[@]}}\"";
        var info = new System.Diagnostics.ProcessStartInfo("bash") { ArgumentList = { "-c", probe } };

        var (code, output, error) = await HostProcess.RunToExitAsync(info);

        code.Should().Be(0, error);
        output.Trim().Should().Be("submit");
    }

    private static IEnumerable<Command> All(Command command) => command.Subcommands.SelectMany(All).Prepend(command);

    private static HttpResponseMessage Busy(HttpStatusCode status)
    {
        var response = new HttpResponseMessage(status)
        {
            Content = new StringContent(
                $$$"""{"error":{"code":"{{{(status == HttpStatusCode.TooManyRequests ? "RATE_LIMIT_EXCEEDED" : "SERVICE_UNAVAILABLE")}}}","message":"Slow down.","details":{},"audit_id":null,"timestamp":"2026-11-30T08:00:00.000Z"}}""",
                Encoding.UTF8,
                "application/json"),
        };
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.Zero);
        return response;
    }

    /// <summary>Answers API requests itself while <paramref name="answer"/> gives a response; passes them to Blux after.</summary>
    private sealed class FirstAnswers(HttpMessageHandler inner, Func<HttpResponseMessage?> answer) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            request.RequestUri!.AbsolutePath == "/v1/tasks" && answer() is { } canned ? canned : await base.SendAsync(request, cancellationToken);
    }
}
