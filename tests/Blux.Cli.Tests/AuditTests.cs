using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Blux.Cli.Tests.Infrastructure;

namespace Blux.Cli.Tests;

public sealed class AuditTests(CliHost host) : IClassFixture<CliHost>
{
    [Fact]
    public async Task An_export_verifies_offline_with_its_checkpoints_and_agrees_with_the_server()
    {
        using var cli = await ReadyAsync();
        var file = Path.Combine(cli.ConfigDirectory, "audit.jsonl");

        var export = await cli.RunAsync("audit", "export", "--file", file, "-o", "json");
        export.ExitCode.Should().Be(0, export.ToString());
        export.Json["checkpoints"]!.GetValue<long>().Should().BeGreaterThan(0, "checkpoints are written every 5 records here");

        var offline = await cli.RunAsync("audit", "verify", file, "-o", "json");
        offline.ExitCode.Should().Be(0, offline.ToString());
        offline.Json["valid"]!.GetValue<bool>().Should().BeTrue();
        offline.Json["checkpoints_verified"]!.GetValue<long>().Should().Be(export.Json["checkpoints"]!.GetValue<long>());

        var remote = await cli.RunAsync("audit", "verify", "--remote", "-o", "json");
        remote.ExitCode.Should().Be(0, remote.ToString());
        remote.Json["valid"]!.GetValue<bool>().Should().BeTrue();
        offline.Json["checked"]!.GetValue<long>().Should().BeLessThanOrEqualTo(remote.Json["checked"]!.GetValue<long>());

        var pinned = cli.WriteFile("jwks.json", File.ReadLines(file).First());
        (await cli.RunAsync("audit", "verify", file, "--keys", pinned)).ExitCode.Should().Be(0);
        var foreign = cli.WriteFile("foreign.json", """{"keys":[]}""");
        var untrusted = await cli.RunAsync("audit", "verify", file, "--keys", foreign);
        untrusted.ExitCode.Should().Be(6, untrusted.ToString());
        untrusted.Error.Should().Contain("untrusted_key");
    }

    [Fact]
    public async Task A_one_byte_change_anywhere_in_the_export_fails_with_exit_6_naming_its_line()
    {
        using var cli = await ReadyAsync();
        var file = Path.Combine(cli.ConfigDirectory, "audit.jsonl");
        (await cli.RunAsync("audit", "export", "--file", file)).ExitCode.Should().Be(0);
        var original = await File.ReadAllBytesAsync(file);
        var lineStarts = new List<int> { 0 };
        for (var i = 0; i < original.Length - 1; i++)
        {
            if (original[i] == '\n')
            {
                lineStarts.Add(i + 1);
            }
        }

        // Every line's first, middle and last byte and its newline, and 150 more positions drawn with a fixed seed.
        var positions = new SortedSet<int>();
        for (var line = 0; line < lineStarts.Count; line++)
        {
            var end = (line + 1 < lineStarts.Count ? lineStarts[line + 1] : original.Length) - 1;
            positions.UnionWith([lineStarts[line], (lineStarts[line] + end) / 2, end - 1, end]);
        }

        var random = new Random(20261130);
        while (positions.Count < lineStarts.Count * 4 + 150)
        {
            positions.Add(random.Next(original.Length));
        }

        var tampered = Path.Combine(cli.ConfigDirectory, "tampered.jsonl");
        foreach (var position in positions)
        {
            var bytes = (byte[])original.Clone();
            bytes[position] = Changed(bytes[position]);
            await File.WriteAllBytesAsync(tampered, bytes);
            var line = lineStarts.FindLastIndex(start => start <= position) + 1;

            var result = await cli.RunAsync("audit", "verify", tampered);

            result.ExitCode.Should().Be(6, $"byte {position} (line {line}) changed from '{(char)original[position]}' to '{(char)bytes[position]}': {result}");
            if (line > 1)
            {
                result.Error.Should().Contain($"Verification failed at line {line}", $"byte {position} changed: {result}");
            }
        }
    }

    [Fact]
    public async Task A_changed_value_in_a_record_is_named_by_seq_and_audit_id()
    {
        using var cli = await ReadyAsync();
        var file = Path.Combine(cli.ConfigDirectory, "audit.jsonl");
        (await cli.RunAsync("audit", "export", "--file", file)).ExitCode.Should().Be(0);
        var lines = await File.ReadAllLinesAsync(file);
        var record = JsonNode.Parse(lines[3])!["record"]!;
        lines[3] = lines[3].Replace("\"duration_ms\":", "\"duration_ms\":1", StringComparison.Ordinal);
        await File.WriteAllTextAsync(file, string.Join('\n', lines) + "\n");

        var result = await cli.RunAsync("audit", "verify", file, "-o", "json");

        result.ExitCode.Should().Be(6, result.ToString());
        result.Json["first_failure"]!["reason"]!.GetValue<string>().Should().Be("record_hash_mismatch");
        result.Json["first_failure"]!["seq"]!.GetValue<long>().Should().Be(record["seq"]!.GetValue<long>());
        result.Error.Should().Contain($"record seq {record["seq"]} ({record["audit_id"]})");
    }

    [Fact]
    public async Task A_removed_tail_record_is_found_by_the_checkpoint_that_vouches_for_it()
    {
        using var cli = await ReadyAsync();
        var file = Path.Combine(cli.ConfigDirectory, "audit.jsonl");
        (await cli.RunAsync("audit", "export", "--file", file)).ExitCode.Should().Be(0);
        var lines = File.ReadAllLines(file).ToList();
        var lastCheckpointSeq = lines.Where(l => l.Contains("\"kind\":\"checkpoint\"")).Select(l => JsonNode.Parse(l)!["checkpoint"]!["seq"]!.GetValue<long>()).Max();
        var records = lines.Where(l => l.Contains("\"kind\":\"record\"")).ToList();
        var kept = lines.Where(l => !l.Contains("\"kind\":\"record\"") || JsonNode.Parse(l)!["record"]!["seq"]!.GetValue<long>() < lastCheckpointSeq);
        File.WriteAllText(file, string.Join('\n', kept) + "\n");

        var result = await cli.RunAsync("audit", "verify", file, "-o", "json");

        records.Should().NotBeEmpty();
        result.ExitCode.Should().Be(6, result.ToString());
        result.Json["first_failure"]!["reason"]!.GetValue<string>().Should().Be("truncated_tail");
    }

    [Fact]
    public async Task Tail_follows_the_stream_and_resumes_with_Last_Event_ID_after_a_dropped_connection()
    {
        using var cli = await ReadyAsync();
        var head = (await cli.RunAsync("audit", "verify", "--remote", "-o", "json")).Json["head"]!["seq"]!.GetValue<long>();
        var requests = new List<string?>();
        var streams = 0;
        cli.Wrap = inner => new DroppingHandler(inner, requests, () => ++streams == 1);

        var tail = cli.RunAsync("audit", "tail", "--from-seq", (head - 3).ToString(System.Globalization.CultureInfo.InvariantCulture), "--count", "3", "-o", "jsonl");
        var result = await tail.WaitAsync(TimeSpan.FromSeconds(60));

        result.ExitCode.Should().Be(0, result.ToString());
        result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!["seq"]!.GetValue<long>())
            .Should().Equal(head - 2, head - 1, head);
        result.Error.Should().Contain("the stream ended");
        requests.Should().HaveCountGreaterThanOrEqualTo(2);
        requests[0].Should().Be((head - 3).ToString(System.Globalization.CultureInfo.InvariantCulture));
        requests[1].Should().Be((head - 2).ToString(System.Globalization.CultureInfo.InvariantCulture), "the second connection resumes after the record the first one delivered");
    }

    [Fact]
    public async Task Get_reads_one_record()
    {
        using var cli = await ReadyAsync();
        var listed = await cli.RunAsync("audit", "list", "--operation", "task.create", "--page-size", "1", "-o", "json");
        var id = listed.Json["entries"]![0]!["audit_id"]!.GetValue<string>();

        var result = await cli.RunAsync("audit", "get", id, "-o", "json");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Json["operation"]!.GetValue<string>().Should().Be("task.create");
    }

    private async Task<BluxqRunner> ReadyAsync()
    {
        var cli = BluxqRunner.For(host.Factory);
        await cli.LoginAdminAsync(host.Factory);
        for (var i = 0; i < 4; i++)
        {
            (await cli.RunAsync("task", "submit", "--type", "echo", "--payload", $$"""{"n":{{i}},"text":"é ✓ <>"}""", "--wait", "10")).ExitCode.Should().Be(0);
        }

        return cli;
    }

    /// <summary>Another byte that is never the same: digits, letters and structure stay plausible, so the JSON often still parses.</summary>
    private static byte Changed(byte value) => value switch
    {
        (byte)'9' => (byte)'8',
        >= (byte)'0' and < (byte)'9' => (byte)(value + 1),
        (byte)'z' => (byte)'y',
        >= (byte)'a' and < (byte)'z' => (byte)(value + 1),
        (byte)'\n' => (byte)' ',
        _ => (byte)(value ^ 0x20),
    };

    /// <summary>Records each stream request's Last-Event-ID, and cuts the first stream after its first event.</summary>
    private sealed class DroppingHandler(HttpMessageHandler inner, List<string?> requests, Func<bool> drop) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (request.RequestUri!.AbsolutePath != "/v1/audit/stream")
            {
                return response;
            }

            lock (requests)
            {
                requests.Add(request.Headers.TryGetValues("Last-Event-ID", out var values) ? values.Single() : null);
            }

            if (!drop())
            {
                return response;
            }

            // Read up to the end of the first event, then end the body as a dropped connection does.
            var source = await response.Content.ReadAsStreamAsync(cancellationToken);
            var kept = new MemoryStream();
            var text = new StringBuilder();
            var one = new byte[1];
            while (await source.ReadAsync(one, cancellationToken) == 1)
            {
                kept.WriteByte(one[0]);
                text.Append((char)one[0]);
                if (text.ToString().Contains("\ndata:", StringComparison.Ordinal) && text.ToString().EndsWith("\n\n", StringComparison.Ordinal))
                {
                    break;
                }
            }

            kept.Position = 0;
            var cut = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(kept), RequestMessage = request };
            response.Dispose();
            return cut;
        }
    }
}
