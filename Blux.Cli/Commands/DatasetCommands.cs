using System.CommandLine;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Blux.Cli.Output;

namespace Blux.Cli.Commands;

/// <summary><c>bluxq datasets put|list</c>: CSV datasets for the analysis route.</summary>
internal static class DatasetCommands
{
    public static Command Build(CliEnvironment environment)
    {
        var datasets = CommandFactory.Create("datasets", "CSV datasets the analysis route reads (ref://data/NAME).",
            "bluxq datasets put sales --file sales.csv", "bluxq datasets list");

        var name = new Argument<string>("name") { Description = "The dataset's name" };
        var file = new Option<FileInfo>("--file", "-f") { Description = "The CSV file (with a header line)", Required = true };
        var put = CommandFactory.Create("put", "Upload or replace a dataset.", "bluxq datasets put sales --file sales.csv");
        put.Arguments.Add(name);
        put.Options.Add(file);
        put.Run(environment, async (run, cancellationToken) =>
        {
            var csv = run.Value(file);
            if (!csv.Exists)
            {
                throw new CliException($"{csv.FullName} does not exist.", ExitCodes.Usage);
            }

            if (csv.Length > TaskCommands.MaxTaskFileBytes)
            {
                throw new CliException($"{csv.FullName} is {csv.Length} bytes; Blux takes at most {TaskCommands.MaxTaskFileBytes}.", ExitCodes.Usage);
            }

            var bytes = await File.ReadAllBytesAsync(csv.FullName, cancellationToken);
            var (_, body) = await run.Client.SendForJsonAsync(() => new HttpRequestMessage(HttpMethod.Put, $"/v1/datasets/{Uri.EscapeDataString(run.Value(name))}")
            {
                Content = new ByteArrayContent(bytes) { Headers = { ContentType = new MediaTypeHeaderValue("text/csv") } },
            }, cancellationToken);
            if (run.Output.IsTable)
            {
                run.Output.Fields((body as JsonObject ?? []).Select(p => (p.Key, Renderer.Text(p.Value))));
            }
            else
            {
                run.Output.Json(body);
            }

            return ExitCodes.Ok;
        });

        var list = CommandFactory.Create("list", "Every dataset with rows, columns and digest.", "bluxq datasets list");
        list.Run(environment, async (run, cancellationToken) =>
        {
            var body = await run.Client.GetJsonAsync("/v1/datasets", cancellationToken);
            var all = body?["datasets"] as JsonArray ?? [];
            if (run.Output.IsTable)
            {
                run.Output.Table(["name", "reference", "rows", "columns", "size_bytes", "updated_at", "updated_by"],
                    all.Select(d => (IReadOnlyList<string?>)[Renderer.Text(d?["name"]), Renderer.Text(d?["reference"]), Renderer.Text(d?["rows"]), Renderer.Text(d?["columns"]), Renderer.Text(d?["size_bytes"]), Renderer.Text(d?["updated_at"]), Renderer.Text(d?["updated_by"])]));
            }
            else if (run.Output.Format == Config.OutputFormat.Jsonl)
            {
                run.Output.Items(all);
            }
            else
            {
                run.Output.Json(body);
            }

            return ExitCodes.Ok;
        });

        datasets.Subcommands.Add(put);
        datasets.Subcommands.Add(list);
        return datasets;
    }
}
