using Blux.Modules.Lite.Datasets;
using Blux.SharedKernel.Api;
using Blux.SharedKernel.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Blux.Modules.Lite.Features.ListDatasets;

internal static class ListDatasetsEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/v1/datasets", async (DatasetStore datasets, CancellationToken cancellationToken) =>
                Results.Ok(new DatasetList(await datasets.ListAsync(cancellationToken))))
            .Produces<DatasetList>()
            .Operation(Scopes.DataRead, "Lite", "datasets_list", "List datasets",
                "The stored CSV datasets: name, ref://data/ reference, rows, columns, size, sha256, last update.");

    internal sealed record DatasetList(IReadOnlyList<DatasetInfo> Datasets);
}
