using System.Text.Json.Nodes;
using Blux.Cli.Tests.Infrastructure;

namespace Blux.Cli.Tests;

/// <summary>Every list command answers in the same three shapes, whichever resource it lists.</summary>
public sealed class OutputTests(CliHost host) : IClassFixture<CliHost>
{
    [Theory]
    [InlineData("tasks", "TASK_ID TYPE STATUS IDENTITY CREATED_AT ERROR", "task", "list")]
    [InlineData("entries", "SEQ TIMESTAMP OPERATION IDENTITY STATUS AUDIT_ID", "audit", "list", "--page-size", "3")]
    [InlineData("keys", "KEY_ID TYPE STATUS VALID_AFTER RETIRED_AT REVOKED_AT VERIFIES_UNTIL", "keys", "list")]
    [InlineData("identities", "ID KIND DISPLAY_NAME ROLES STATUS KEYS CREATED_AT", "identities", "list")]
    [InlineData("datasets", "NAME REFERENCE ROWS COLUMNS SIZE_BYTES UPDATED_AT UPDATED_BY", "datasets", "list")]
    public async Task A_list_is_a_table_of_its_items_one_item_a_line_in_jsonl_and_the_whole_answer_in_json(string items, string headers, params string[] command)
    {
        using var cli = BluxqRunner.For(host.Factory);
        await cli.LoginAdminAsync(host.Factory);
        (await cli.RunAsync("task", "submit", "--type", "echo", "--wait", "10")).ExitCode.Should().Be(0);
        (await cli.RunAsync("datasets", "put", "listed", "--file", cli.WriteFile("listed.csv", "a,b\n1,2\n"))).ExitCode.Should().Be(0);

        var json = await cli.RunAsync([.. command, "-o", "json"]);
        var jsonl = await cli.RunAsync([.. command, "-o", "jsonl"]);
        var table = await cli.RunAsync(command);

        json.ExitCode.Should().Be(0, json.ToString());
        var answer = json.Json[items]!.AsArray();
        answer.Should().NotBeEmpty();
        var lines = jsonl.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Select(l => JsonNode.Parse(l)!.ToJsonString()).Should().Equal(answer.Select(i => i!.ToJsonString()));
        var rows = table.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string.Join(' ', rows[0].Split(' ', StringSplitOptions.RemoveEmptyEntries)).Should().Be(headers);
        rows.Should().HaveCount(answer.Count + 1, table.ToString());
    }

    [Theory]
    [InlineData("task", "submit")]
    [InlineData("validate")]
    [InlineData("reflect")]
    [InlineData("policies", "put")]
    [InlineData("datasets", "put", "sales")]
    public async Task A_file_a_command_sends_is_refused_with_exit_2_when_missing_or_over_1_MiB(params string[] command)
    {
        using var cli = BluxqRunner.For(host.Factory);
        var missing = Path.Combine(cli.ConfigDirectory, "missing.json");
        var large = cli.WriteFile("large.json", "{\"pad\":\"" + new string('x', 1024 * 1024) + "\"}");

        var absent = await cli.RunAsync([.. command, "--file", missing]);
        var oversized = await cli.RunAsync([.. command, "--file", large]);

        absent.ExitCode.Should().Be(2, absent.ToString());
        absent.Error.Should().Contain(missing).And.Contain("does not exist");
        oversized.ExitCode.Should().Be(2, oversized.ToString());
        oversized.Error.Should().Contain("Blux takes at most 1048576");
        absent.Out.Should().BeEmpty();
        oversized.Out.Should().BeEmpty();
    }
}
