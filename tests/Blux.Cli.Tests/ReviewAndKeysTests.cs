using System.Text.Json.Nodes;
using Blux.Cli.Tests.Infrastructure;

namespace Blux.Cli.Tests;

/// <summary>A doctrine that holds <c>test</c> tasks for approval, put with bluxq, and a second identity that reviews them.</summary>
public sealed class ReviewAndKeysTests(CliHost host) : IClassFixture<CliHost>
{
    [Fact]
    public async Task A_held_task_exits_5_is_approved_by_a_second_identity_and_watched_to_completed()
    {
        using var cli = BluxqRunner.For(host.Factory);
        await cli.LoginAdminAsync(host.Factory);
        await PutApprovalDoctrineAsync(cli);

        var created = await cli.RunAsync("identities", "create", "--kind", "user", "--name", "Reviewer", "--role", "approver", "--id", "user_reviewer", "-o", "json");
        created.ExitCode.Should().Be(0, created.ToString());
        var secret = cli.WriteFile("reviewer.secret", created.Json["client_secret"]!.GetValue<string>() + "\n");
        var login = await cli.RunAsync("auth", "login", "--client-id", "user_reviewer", "--client-secret-file", secret, "--profile", "reviewer");
        login.ExitCode.Should().Be(0, login.ToString());

        var held = await cli.RunAsync("task", "submit", "--type", "test", "--sensitivity", "medium", "-o", "json");
        held.ExitCode.Should().Be(5, held.ToString());
        held.Json["status"]!.GetValue<string>().Should().Be("awaiting_approval");
        var id = held.Json["task_id"]!.GetValue<string>();
        (await cli.RunAsync("task", "get", id)).ExitCode.Should().Be(5);

        var own = await cli.RunAsync("task", "approve", id, "--reason", "mine");
        own.ExitCode.Should().Be(4, own.ToString());
        own.Error.Should().Contain("submitter_cannot_review");

        var approved = await cli.RunAsync("task", "approve", id, "--reason", "looked at it", "--profile", "reviewer", "-o", "json");
        approved.ExitCode.Should().Be(0, approved.ToString());
        approved.Json["review"]!["by"]!.GetValue<string>().Should().Contain("user_reviewer");

        var watched = await cli.RunAsync("task", "watch", id, "--interval", "0.2", "--timeout", "60", "-o", "json");
        watched.ExitCode.Should().Be(0, watched.ToString());
        watched.Json["status"]!.GetValue<string>().Should().Be("completed");
        watched.Json["events"]!.AsArray().Select(e => e!["event"]!["event_type"]!.GetValue<string>())
            .Should().ContainInOrder("TaskStart", "ApprovalRequested", "TaskCompleted");
    }

    [Fact]
    public async Task Keys_rotate_and_revoke_and_a_revoked_token_key_is_answered_by_a_fresh_login()
    {
        using var cli = BluxqRunner.For(host.Factory);
        await cli.LoginAdminAsync(host.Factory);
        var before = (await cli.RunAsync("keys", "list", "--type", "token_signing", "--status", "active", "-o", "json")).Json["keys"]![0]!["key_id"]!.GetValue<string>();

        var rotated = await cli.RunAsync("keys", "rotate", "--type", "audit_signing", "--reason", "quarterly", "-o", "json");
        rotated.ExitCode.Should().Be(0, rotated.ToString());
        rotated.Json["key"]!["status"]!.GetValue<string>().Should().Be("active");
        rotated.Json["previous"]!["key_type"]!.GetValue<string>().Should().Be("audit_signing");

        var revoked = await cli.RunAsync("keys", "revoke", before, "--reason", "test of renewal", "-o", "json");
        revoked.ExitCode.Should().Be(0, revoked.ToString());
        revoked.Json["key"]!["status"]!.GetValue<string>().Should().Be("revoked");

        // The cached token was signed by the revoked key: Blux answers 401, bluxq logs in again once and goes on.
        var after = await cli.RunAsync("keys", "list", "-o", "json");
        after.ExitCode.Should().Be(0, after.ToString());
        after.Json["keys"]!.AsArray().Should().Contain(k => k!["key_id"]!.GetValue<string>() == before && k["status"]!.GetValue<string>() == "revoked");
    }

    private static async Task PutApprovalDoctrineAsync(BluxqRunner cli)
    {
        var current = (await cli.RunAsync("policies", "show", "-o", "json")).Json.AsObject();
        var next = (JsonObject)current.DeepClone();
        next.Remove("digest");
        next["doctrine_version"] = current["doctrine_version"]!.GetValue<long>() + 1;
        next["rules"]!.AsArray().Add(JsonNode.Parse("""{"id":"tests-need-approval","description":"Test tasks are approved by a person.","match":{"task_types":["test"]},"effect":"require_approval"}"""));
        var file = cli.WriteFile("doctrine.json", next.ToJsonString());

        var dryRun = await cli.RunAsync("policies", "put", "--file", file, "--dry-run");
        dryRun.ExitCode.Should().Be(0, dryRun.ToString());
        dryRun.Out.Should().Contain("+ rules[tests-need-approval]").And.Contain("~ doctrine_version");
        (await cli.RunAsync("policies", "history", "-o", "json")).Json["entries"]!.AsArray().Should().HaveCount(1, "a dry run sends nothing");

        var put = await cli.RunAsync("policies", "put", "--file", file);
        put.ExitCode.Should().Be(0, put.ToString());
        (await cli.RunAsync("policies", "diff", "--to", file)).ExitCode.Should().Be(0, "the doctrine in force is now the file");
        var again = await cli.RunAsync("policies", "put", "--file", file);
        again.ExitCode.Should().Be(1);
        again.Error.Should().Contain("CONFLICT").And.Contain("not_monotonic");
    }
}
