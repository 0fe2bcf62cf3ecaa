using System.Text.Json.Nodes;
using Blux.Modules.Lite.Datasets;
using Blux.SharedKernel.Errors;
using Blux.SharedKernel.Json;
using Microsoft.Extensions.Options;

namespace Blux.Modules.Lite.Routes;

/// <summary>
/// <c>data_analysis</c>: per-column statistics over stored CSV datasets. Sandboxed: it reads only the
/// datasets the doctrine's <c>allowed_data_sources</c> admit, never writes, and stops at a row bound
/// and at the task's time limit.
/// </summary>
internal sealed class AnalysisRoute(DatasetStore datasets, IOptions<LiteOptions> options) : ITaskRoute
{
    public const int MaxReferences = 16;

    public string Name => "analysis";

    public IReadOnlyList<string> TaskTypes { get; } = ["data_analysis"];

    public bool Sandboxed => true;

    public string Description => "Per-column count, nulls, min, max, mean, stddev and distinct over CSV datasets (ref://data/<name>); read-only, bounded rows and time.";

    public void Validate(JsonObject payload)
    {
        var operation = payload["operation"];
        if (operation is not null && (operation is not JsonValue value || !value.TryGetValue<string>(out var text) || text != "analyze"))
        {
            throw BluxException.Validation("payload.operation", "unknown_value", "payload.operation must be \"analyze\".");
        }

        if (payload["data_references"] is not JsonArray references || references.Count == 0)
        {
            throw BluxException.Validation("payload.data_references", "missing_field", "payload.data_references must list at least one ref://data/<name>.");
        }

        if (references.Count > MaxReferences)
        {
            throw BluxException.Validation("payload.data_references", "too_many", $"At most {MaxReferences} datasets per task.");
        }

        for (var i = 0; i < references.Count; i++)
        {
            var field = $"payload.data_references[{i}]";
            if (references[i] is not JsonValue item || !item.TryGetValue<string>(out var reference) || !DatasetReference.TryParse(reference, out var name))
            {
                throw BluxException.Validation(field, "invalid_reference", "A data reference is written ref://data/<name>.");
            }

            if (!datasets.Exists(name))
            {
                throw BluxException.Validation(field, "unknown_dataset", $"No dataset '{name}'; upload it with PUT /v1/datasets/{name}.",
                    new Dictionary<string, object?> { ["reference"] = reference });
            }
        }
    }

    public string? Forbids(JsonObject payload, RouteLimits limits)
    {
        var refused = References(payload).Where(r => !DatasetReference.IsAllowed(r, limits.AllowedDataSources)).ToArray();
        return refused.Length == 0 ? null : $"Data source {string.Join(", ", refused)} is not in the doctrine's allowed_data_sources.";
    }

    public async Task<JsonNode?> ExecuteAsync(RouteContext context, CancellationToken cancellationToken)
    {
        var results = new JsonArray();
        foreach (var reference in References(context.Payload))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!DatasetReference.IsAllowed(reference, context.Limits.AllowedDataSources))
            {
                throw new RouteException("DATA_SOURCE_NOT_ALLOWED", $"Data source {reference} is not in the doctrine's allowed_data_sources.");
            }

            DatasetReference.TryParse(reference, out var name);
            var text = await datasets.ReadAsync(name, cancellationToken)
                ?? throw new RouteException("DATASET_NOT_FOUND", $"Dataset {reference} no longer exists.");
            var table = await Task.Run(() => CsvParser.Parse(text, options.Value.MaxAnalysisRows), cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            var columns = await Task.Run(() => ColumnStatistics.Of(table), cancellationToken);
            results.Add(new JsonObject
            {
                ["reference"] = reference,
                ["rows"] = table.Rows.Count,
                ["truncated"] = table.Truncated,
                ["columns"] = BluxJson.ToNode(columns),
            });
        }

        return new JsonObject { ["operation"] = "analyze", ["datasets"] = results };
    }

    private static IEnumerable<string> References(JsonObject payload) =>
        payload["data_references"] is JsonArray references
            ? references.Select(r => r is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty).Where(s => s.Length > 0)
            : [];
}
