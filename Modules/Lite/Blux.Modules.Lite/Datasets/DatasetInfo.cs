namespace Blux.Modules.Lite.Datasets;

/// <summary>What <c>GET /v1/datasets</c> shows of a stored dataset.</summary>
internal sealed record DatasetInfo(
    string Name,
    string Reference,
    long Rows,
    IReadOnlyList<string> Columns,
    long SizeBytes,
    string Sha256,
    DateTimeOffset UpdatedAt,
    string UpdatedBy);
