using Blux.Cli.Config;
using Blux.Cli.Http;
using Blux.Cli.Tests.Infrastructure;
using Blux.Cli.Top;
using Spectre.Console.Testing;

namespace Blux.Cli.Tests;

public sealed class TopTests(CliHost host) : IClassFixture<CliHost>
{
    [Fact]
    public async Task One_frame_from_the_live_host_shows_health_load_tasks_and_the_audit_head()
    {
        using var cli = BluxqRunner.For(host.Factory);
        await cli.LoginAdminAsync(host.Factory);
        var submitted = await cli.RunAsync("task", "submit", "--type", "echo", "--wait", "10", "-o", "json");
        var taskId = submitted.Json["task_id"]!.GetValue<string>();
        var environment = new CliEnvironment
        {
            Out = TextWriter.Null,
            Error = TextWriter.Null,
            Variables = cli.Variables,
            Handler = () => host.Factory.Server.CreateHandler(),
        };
        var settings = Settings.Resolve(Bluxq.Build(environment).Parse(["top"]), environment, new ProfileStore(cli.ConfigDirectory));
        using var client = new BluxClient(settings, environment) { Tokens = new TokenSource(settings, environment, cli.ConfigDirectory) };
        var snapshot = await TopSnapshot.LoadAsync(client, DateTimeOffset.UtcNow, CancellationToken.None);
        var console = new TestConsole().Width(160);

        console.Write(TopView.Render(snapshot, "http://localhost/"));

        var frame = console.Output;
        frame.Should().Contain("health healthy").And.Contain("blux-guard").And.Contain("blux-lite");
        frame.Should().Contain("tasks/s (10 s)").And.Contain("queue depth").And.Contain("running");
        frame.Should().Contain(taskId).And.Contain("completed");
        frame.Should().Contain($"seq {snapshot.AuditHeadSeq} sha256-").And.Contain("checkpoint");
        snapshot.AuditHeadSeq.Should().BeGreaterThan(0);
        snapshot.Problem.Should().BeNull();
    }

    [Fact]
    public async Task Top_runs_live_until_q_is_pressed()
    {
        using var cli = BluxqRunner.For(host.Factory);
        await cli.LoginAdminAsync(host.Factory);
        var console = new TestConsole().Width(160).Interactive();
        console.Input.PushKey(ConsoleKey.Q);
        cli.LiveConsole = console;

        var result = await cli.RunAsync("top", "--interval", "0.5").WaitAsync(TimeSpan.FromSeconds(60));

        result.ExitCode.Should().Be(0, result.ToString());
        console.Output.Should().Contain("bluxq top").And.Contain("newest tasks");
    }
}
