using System.Text.Json.Nodes;
using Blux.Cli.Tests.Infrastructure;

namespace Blux.Cli.Tests;

public sealed class TaskTests(CliHost host) : IClassFixture<CliHost>
{
    [Fact]
    public async Task An_unsigned_task_from_a_file_runs_to_completed_with_exit_0_and_json_alone_on_stdout()
    {
        using var cli = BluxqRunner.For(host.Factory);
        await cli.LoginAdminAsync(host.Factory);
        var file = cli.WriteFile("task.json", """{"type":"echo","context":{"environment":"development","sensitivity":"low"},"payload":{"hello":"world"}}""");

        var result = await cli.RunAsync("task", "submit", "--file", file, "--wait", "10", "-o", "json");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Json["status"]!.GetValue<string>().Should().Be("completed");
        result.Json["result"]!["echo"]!["hello"]!.GetValue<string>().Should().Be("world");
        result.Error.Should().BeEmpty();
    }

    [Fact]
    public async Task The_same_task_id_twice_returns_the_same_task()
    {
        using var cli = BluxqRunner.For(host.Factory);
        await cli.LoginAdminAsync(host.Factory);
        var id = "task_cli_" + Guid.NewGuid().ToString("N")[..8];

        var first = await cli.RunAsync("task", "submit", "--type", "echo", "--task-id", id, "--wait", "10", "-o", "json");
        var second = await cli.RunAsync("task", "submit", "--type", "echo", "--task-id", id, "-o", "json");

        first.ExitCode.Should().Be(0, first.ToString());
        second.ExitCode.Should().Be(0, second.ToString());
        second.Json["task_id"]!.GetValue<string>().Should().Be(id);
        second.Json["audit_id"]!.GetValue<string>().Should().Be(
            (await cli.RunAsync("task", "get", id, "-o", "json")).Json["audit_trail"]![0]!["audit_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_high_sensitivity_task_is_refused_unsigned_and_runs_signed_with_a_generated_key()
    {
        using var cli = BluxqRunner.For(host.Factory);
        await cli.LoginAdminAsync(host.Factory);

        var unsigned = await cli.RunAsync("task", "submit", "--type", "echo", "--sensitivity", "high", "--wait", "10");
        unsigned.ExitCode.Should().Be(1, unsigned.ToString());
        unsigned.Error.Should().Contain("VALIDATION_FAILED").And.Contain("missing_signature");

        var generated = await cli.RunAsync("keys", "generate", "-o", "json");
        generated.ExitCode.Should().Be(0, generated.ToString());
        var keyFile = generated.Json["file"]!.GetValue<string>();
        File.GetUnixFileMode(keyFile).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.ReadAllText(keyFile).Should().StartWith("-----BEGIN PRIVATE KEY-----");
        var identity = await cli.RunAsync("identities", "show", "admin", "-o", "json");
        identity.Json["keys"]!.AsArray().Select(k => k!["kid"]!.GetValue<string>()).Should().Contain(generated.Json["kid"]!.GetValue<string>());

        var signed = await cli.RunAsync("task", "submit", "--type", "echo", "--sensitivity", "high", "--sign", "--wait", "10", "-o", "json");
        signed.ExitCode.Should().Be(0, signed.ToString());
        signed.Json["status"]!.GetValue<string>().Should().Be("completed");
        signed.Json["route"]!["doctrine_flags"]!.AsArray().Select(f => f!.GetValue<string>()).Should().Contain("signature_verified");
    }

    [Fact]
    public async Task A_task_the_doctrine_denies_exits_3_with_the_envelope()
    {
        using var cli = BluxqRunner.For(host.Factory);
        await cli.LoginAdminAsync(host.Factory);
        (await cli.RunAsync("keys", "generate")).ExitCode.Should().Be(0);

        var result = await cli.RunAsync("task", "submit", "--type", "script", "--sensitivity", "critical", "--payload", """{"language":"javascript","source":"1"}""", "--sign");

        result.ExitCode.Should().Be(3, result.ToString());
        result.Error.Should().Contain("FORBIDDEN").And.Contain("task_denied").And.Contain("aud_err_");
    }

    [Fact]
    public async Task Watch_shows_the_timeline_to_the_end_and_exits_with_the_outcome()
    {
        using var cli = BluxqRunner.For(host.Factory);
        await cli.LoginAdminAsync(host.Factory);
        var submitted = await cli.RunAsync("task", "submit", "--type", "script", "--payload", """{"language":"javascript","source":"throw new Error('no')"}""", "-o", "json");
        var id = submitted.Json["task_id"]!.GetValue<string>();

        var watched = await cli.RunAsync("task", "watch", id, "--interval", "0.2", "--timeout", "60");

        watched.ExitCode.Should().Be(1, watched.ToString());
        var lines = watched.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().Contain("TaskStart");
        lines.Should().Contain(l => l.Contains("RouteDecision"));
        lines[^1].Should().Contain("TaskFailed").And.Contain("SCRIPT_ERROR");
        lines.Should().OnlyContain(l => l.Contains(" ms "), "each event shows the time since the previous one");
        watched.Error.Should().Contain($"{id} ended failed");
    }

    [Fact]
    public async Task List_filters_and_pages_and_a_missing_task_is_the_envelope_on_stderr()
    {
        using var cli = BluxqRunner.For(host.Factory);
        await cli.LoginAdminAsync(host.Factory);
        for (var i = 0; i < 3; i++)
        {
            (await cli.RunAsync("task", "submit", "--type", "test", "--wait", "10")).ExitCode.Should().Be(0);
        }

        var page = await cli.RunAsync("task", "list", "--type", "test", "--page-size", "2", "-o", "json");
        page.ExitCode.Should().Be(0, page.ToString());
        page.Json["tasks"]!.AsArray().Should().HaveCount(2).And.OnlyContain(t => t!["type"]!.GetValue<string>() == "test");
        var next = page.Json["next_page_token"]!.GetValue<string>();
        var rest = await cli.RunAsync("task", "list", "--type", "test", "--page-token", next, "-o", "jsonl");
        rest.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().NotBeEmpty()
            .And.OnlyContain(l => JsonNode.Parse(l)!["type"]!.GetValue<string>() == "test");

        var table = await cli.RunAsync("task", "list", "--type", "test");
        table.Out.Should().StartWith("TASK_ID").And.NotContain("\u001b[", "stdout is not a terminal: plain columns");

        var missing = await cli.RunAsync("task", "get", "task_nope");
        missing.ExitCode.Should().Be(1);
        missing.Error.Should().Contain("NOT_FOUND: task 'task_nope' was not found.");
        missing.Out.Should().BeEmpty();
    }

    [Fact]
    public async Task Control_characters_from_Blux_never_reach_the_terminal_raw()
    {
        using var cli = BluxqRunner.For(host.Factory);
        await cli.LoginAdminAsync(host.Factory);
        var submitted = await cli.RunAsync("task", "submit", "--type", "script", "--payload", """{"language":"javascript","source":"throw new Error('\u001b]0;owned\u0007\u001b[2J')"}""", "-o", "json");
        var id = submitted.Json["task_id"]!.GetValue<string>();

        var watched = await cli.RunAsync("task", "watch", id, "--interval", "0.2", "--timeout", "60");
        var shown = await cli.RunAsync("task", "get", id);

        watched.ExitCode.Should().Be(1, watched.ToString());
        watched.Out.Should().Contain("\\u001b]0;owned\\u0007").And.NotContain("\u001b").And.NotContain("\u0007");
        shown.Out.Should().Contain("\\u001b[2J").And.NotContain("\u001b");
    }

    [Fact]
    public async Task Usage_errors_exit_2()
    {
        using var cli = BluxqRunner.For(host.Factory);
        (await cli.RunAsync("task")).ExitCode.Should().Be(2);
        (await cli.RunAsync("task", "submit", "--wait", "61")).ExitCode.Should().Be(2);
        (await cli.RunAsync("task", "list", "-o", "yaml")).ExitCode.Should().Be(2);
        (await cli.RunAsync("nope")).ExitCode.Should().Be(2);
        var noTask = await cli.RunAsync("task", "submit");
        noTask.ExitCode.Should().Be(2, noTask.ToString());
    }
}
