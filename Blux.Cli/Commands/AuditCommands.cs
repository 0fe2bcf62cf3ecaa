using System.CommandLine;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Blux.Cli.Audit;
using Blux.Cli.Output;

namespace Blux.Cli.Commands;

/// <summary><c>bluxq audit get|list|export|verify|tail</c>.</summary>
internal static class AuditCommands
{
    public static Command Build(CliEnvironment environment)
    {
        return CommandFactory.Create("audit", "The signed audit trail: read, export, verify offline or on the server, tail live.",
            "bluxq audit export --file audit.jsonl && bluxq audit verify audit.jsonl",
            "bluxq audit tail")
            .With(Get(environment), List(environment), Export(environment), Verify(environment), Tail(environment));
    }

    /// <summary>The columns of a record in <c>audit list</c> and <c>audit tail</c>.</summary>
    private static readonly IReadOnlyList<Column> RecordColumns = Column.Fields("seq", "timestamp", "operation", "identity", "status", "audit_id");

    private static Command Get(CliEnvironment environment)
    {
        var id = new Argument<string>("audit-id") { Description = "The record" };
        return CommandFactory.Create("get", "One audit record.", "bluxq audit get aud_01a21c0e443b7bc0acaf50acf92e6f67 -o json")
            .With(id)
            .Run(environment, async (run, cancellationToken) =>
        {
            var record = await run.Client.GetJsonAsync($"/v1/audit/{Uri.EscapeDataString(run.Value(id))}", cancellationToken);
            run.Output.Show(record, () => run.Output.Fields(record));
            return ExitCodes.Ok;
        });
    }

    private static Command List(CliEnvironment environment)
    {
        var options = new[] { "service", "operation", "identity", "status", "since", "until" }
            .Select(name => new Option<string?>("--" + name) { Description = $"Only records with this {name}" + (name is "since" or "until" ? " (RFC 3339)" : string.Empty) })
            .ToList();
        var pageSize = CommonOptions.PageSize("Records per page (1-500, default 50)");
        var pageToken = CommonOptions.PageToken();
        return CommandFactory.Create("list", "Audit records in chain order, filtered, a page at a time.",
            "bluxq audit list --operation task.create --status denied",
            "bluxq audit list --since 2026-11-30T00:00:00Z -o jsonl")
            .With([.. options, pageSize, pageToken])
            .Run(environment, async (run, cancellationToken) =>
        {
            var query = RequestParts.Query([.. options.Select(o => (o.Name.TrimStart('-'), (object?)run.Value(o))),
                ("page_size", run.Value(pageSize)), ("page_token", run.Value(pageToken))]);
            var body = await run.Client.GetJsonAsync("/v1/audit" + query, cancellationToken);
            run.Output.List(body, body?["entries"] as JsonArray ?? [], RecordColumns, Renderer.Text(body?["next_page_token"]));
            return ExitCodes.Ok;
        });
    }

    private static Command Export(CliEnvironment environment)
    {
        var file = CommonOptions.File("Where to write the JSON Lines export");
        return CommandFactory.Create("export", "Download the whole chain with the keys that sign it, for 'audit verify' anywhere (progress on stderr).",
            "bluxq audit export --file audit.jsonl")
            .With(file)
            .Run(environment, async (run, cancellationToken) =>
        {
            var target = run.Value(file).FullName;
            var raw = target + ".download";
            try
            {
                using var response = await run.Client.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, "/v1/audit/export"), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                await ProgressBar.RunAsync(run.Environment, run.Settings.Color, "export", response.Content.Headers.ContentLength, async report =>
                {
                    await using var source = await response.Content.ReadAsStreamAsync(cancellationToken);
                    await using var sink = File.Create(raw);
                    var buffer = new byte[81920];
                    long done = 0;
                    int read;
                    while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
                    {
                        await sink.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                        done += read;
                        report(done);
                    }

                    return done;
                });
                var (records, checkpoints, keys) = await ExportWriter.RewriteAsync(raw, target, cancellationToken);
                var summary = new JsonObject { ["file"] = target, ["records"] = records, ["checkpoints"] = checkpoints, ["keys"] = keys };
                run.Output.Show(summary, () => run.Output.Message($"Wrote {records} records, {checkpoints} checkpoints and {keys} keys to {target}."));
                return ExitCodes.Ok;
            }
            finally
            {
                File.Delete(raw);
            }
        });
    }

    private static Command Verify(CliEnvironment environment)
    {
        var file = new Argument<FileInfo?>("file") { Description = "An export written by 'bluxq audit export'", Arity = ArgumentArity.ZeroOrOne };
        var remote = new Option<bool>("--remote") { Description = "Ask Blux to verify its own chain instead (GET /v1/audit/verify)" };
        var fromSeq = new Option<long?>("--from-seq") { Description = "With --remote: the first record" };
        var toSeq = new Option<long?>("--to-seq") { Description = "With --remote: the last record" };
        var keys = new Option<FileInfo?>("--keys") { Description = "Trust only these keys (a JWKS file, or a keys line kept from an earlier export)" };
        var lenient = new Option<bool>("--lenient") { Description = "Accept lines not in RFC 8785 form and unused keys (an export not written by bluxq, e.g. from curl)" };
        return CommandFactory.Create("verify", "Verify an export offline (chain, hashes, signatures, checkpoints; the first failure named), or on the server with --remote. Exit 6 when it does not verify.",
            "bluxq audit verify audit.jsonl",
            "bluxq audit verify audit.jsonl --keys pinned-jwks.json",
            "bluxq audit verify --remote")
            .With(file, remote, fromSeq, toSeq, keys, lenient)
            .Run(environment, async (run, cancellationToken) =>
        {
            if (run.Value(remote))
            {
                if (run.Value(file) is not null)
                {
                    throw new CliException("Give a file, or --remote, not both.", ExitCodes.Usage);
                }

                var query = RequestParts.Query(("from_seq", run.Value(fromSeq)), ("to_seq", run.Value(toSeq)));
                var answer = await run.Client.GetJsonAsync("/v1/audit/verify" + query, cancellationToken);
                var valid = answer?["valid"]?.GetValueKind() == JsonValueKind.True;
                run.Output.Show(answer, () => run.Output.Fields([
                    ("valid", valid ? "valid" : "invalid"),
                    ("checked", Renderer.Text(answer?["checked"])),
                    ("head", $"{Renderer.Text(answer?["head"]?["seq"])} {Renderer.Text(answer?["head"]?["record_hash"])}"),
                    ("checkpoints_verified", Renderer.Text(answer?["checkpoints_verified"])),
                    ("first_failure", answer?["first_failure"]?.ToJsonString()),
                    ("flags", answer?["flags"]?.ToJsonString()),
                ]));
                return valid ? ExitCodes.Ok : ExitCodes.VerificationFailed;
            }

            var export = run.Value(file) ?? throw new CliException("Give the export to verify, or --remote.", ExitCodes.Usage);
            if (!export.Exists)
            {
                throw new CliException($"{export.FullName} does not exist.", ExitCodes.Usage);
            }

            var verifier = new ExportVerifier(strict: !run.Value(lenient), run.Value(keys) is { } pinned ? PinnedKeys(pinned) : null);
            var result = await ProgressBar.RunAsync(run.Environment, run.Settings.Color, "verify", export.Length, async report =>
            {
                await using var stream = File.OpenRead(export.FullName);
                return await verifier.VerifyAsync(stream, report, cancellationToken);
            });
            run.Output.Show(result.ToJson(), () => run.Output.Fields([
                ("valid", result.Valid ? "valid" : "invalid"),
                ("checked", result.Records.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("head", result.HeadSeq is null ? null : $"{result.HeadSeq} {result.HeadHash}"),
                ("checkpoints_verified", result.Valid ? result.Checkpoints.ToString(System.Globalization.CultureInfo.InvariantCulture) : null),
                ("keys", string.Join(", ", result.KeyIds) + (result.KeysPinned ? " (pinned)" : " (from the export: pin them with --keys)")),
                ("signed_by_revoked_key", result.SignedByRevokedKey.Count == 0 ? null : string.Join(", ", result.SignedByRevokedKey.Select(p => $"{p.Key}: {p.Value} records"))),
            ]));

            if (result.FirstFailure is { } failure)
            {
                run.Output.Message($"Verification failed at {failure}");
                return ExitCodes.VerificationFailed;
            }

            return ExitCodes.Ok;
        });
    }

    /// <summary>Keys to trust, from a JWKS (<c>{"keys":[…]}</c>) or an export's keys line.</summary>
    private static Dictionary<string, (string X, string Y)> PinnedKeys(FileInfo file)
    {
        var document = RequestParts.ReadObject(file, "keys");
        var pinned = new Dictionary<string, (string X, string Y)>(StringComparer.Ordinal);
        foreach (var jwk in document["keys"] as JsonArray ?? throw new CliException($"{file.FullName} has no keys array.", ExitCodes.Usage))
        {
            if (Renderer.Text(jwk?["kid"]) is { } kid && Renderer.Text(jwk?["x"]) is { } x && Renderer.Text(jwk?["y"]) is { } y)
            {
                pinned[kid] = (x, y);
            }
        }

        return pinned;
    }

    private static Command Tail(CliEnvironment environment)
    {
        var fromSeq = new Option<long?>("--from-seq") { Description = "Start after this record (default: new records only)" };
        var count = new Option<int?>("--count", "-n") { Description = "Stop after this many records" };
        return CommandFactory.Create("tail", "Follow the audit trail live (Server-Sent Events); reconnects after a dropped connection and resumes with Last-Event-ID.",
            "bluxq audit tail",
            "bluxq audit tail --from-seq 100 -o jsonl | jq .operation")
            .With(fromSeq, count)
            .Run(environment, async (run, cancellationToken) =>
        {
            var lastId = run.Value(fromSeq)?.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var left = run.Value(count);
            var failures = 0;
            if (run.Output.IsTable)
            {
                run.Output.Out.WriteLine(string.Join("  ", RecordColumns.Select(c => c.Header.ToUpperInvariant())));
            }

            while (left is null or > 0)
            {
                string? reason = null;
                try
                {
                    using var response = await run.Client.SendAsync(() =>
                    {
                        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/audit/stream");
                        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
                        if (lastId is not null)
                        {
                            request.Headers.Add("Last-Event-ID", lastId);
                        }

                        return request;
                    }, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                    await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
                    await foreach (var (id, data) in ServerSentEvents.ReadAsync(stream, cancellationToken))
                    {
                        failures = 0;
                        lastId = id ?? lastId;
                        var record = JsonNode.Parse(data);
                        if (run.Output.IsTable)
                        {
                            run.Output.Out.WriteLine(string.Join("  ", RecordColumns.Select(c => c.Cell(record) ?? "-")));
                        }
                        else
                        {
                            run.Output.Out.WriteLine(record?.ToJsonString());
                        }

                        await run.Output.Out.FlushAsync(cancellationToken);
                        if (left is not null && --left == 0)
                        {
                            return ExitCodes.Ok;
                        }
                    }
                }
                catch (Exception exception) when (exception is IOException or InvalidDataException or HttpRequestException or JsonException
                    || (exception is CliException and not Http.ApiException && !cancellationToken.IsCancellationRequested))
                {
                    reason = exception.Message;
                }

                // A dropped connection or a server that is restarting: come back after a growing, jittered pause.
                run.Output.Message($"bluxq: the stream ended{(reason is null ? string.Empty : $" ({reason})")}; resuming after {lastId ?? "the start"}");

                failures++;
                var ceiling = Math.Min(30_000, 500 * Math.Pow(2, Math.Min(failures, 6)));
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling), run.Environment.Time, cancellationToken);
            }

            return ExitCodes.Ok;
        });
    }
}
