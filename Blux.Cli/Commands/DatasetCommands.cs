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
        var name = new Argument<string>("name") { Description = "The dataset's name" };
        var file = CommonOptions.File("The CSV file (with a header line)");
        var put = CommandFactory.Create("put", "Upload or replace a dataset.", "bluxq datasets put sales --file sales.csv")
            .With(name, file)
            .Run(environment, async (run, cancellationToken) =>
        {
            var bytes = await RequestParts.ReadBytesAsync(run.Value(file), "CSV", cancellationToken);
            var (_, body) = await run.Client.SendForJsonAsync(() => new HttpRequestMessage(HttpMethod.Put, $"/v1/datasets/{Uri.EscapeDataString(run.Value(name))}")
            {
                Content = new ByteArrayContent(bytes) { Headers = { ContentType = new MediaTypeHeaderValue("text/csv") } },
            }, cancellationToken);
            run.Output.Show(body, () => run.Output.Fields(body));
            return ExitCodes.Ok;
        });

        var list = CommandFactory.Create("list", "Every dataset with rows, columns and digest.", "bluxq datasets list")
            .Run(environment, async (run, cancellationToken) =>
        {
            var body = await run.Client.GetJsonAsync("/v1/datasets", cancellationToken);
            run.Output.List(body, body?["datasets"] as JsonArray ?? [], Column.Fields("name", "reference", "rows", "columns", "size_bytes", "updated_at", "updated_by"));
            return ExitCodes.Ok;
        });

        return CommandFactory.Create("datasets", "CSV datasets the analysis route reads (ref://data/NAME).",
            "bluxq datasets put sales --file sales.csv", "bluxq datasets list")
            .With(put, list);
    }
}
