using System.Text;
using Blux.Modules.Lite.Datasets;
using Blux.SharedKernel.Api;
using Blux.SharedKernel.Errors;
using Blux.SharedKernel.Identity;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Blux.Modules.Lite.Features.PutDataset;

internal static class PutDatasetEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPut("/v1/datasets/{name}", HandleAsync)
            .Produces<DatasetInfo>(StatusCodes.Status201Created)
            .Produces<DatasetInfo>()
            .WithMetadata(new ApiTextBody("text/csv", "UTF-8 CSV, header line first; quoted fields may hold commas, quotes and line breaks."))
            .Operation(Scopes.DataWrite, "Lite", "datasets_put", "Store a CSV dataset",
                "Store a CSV dataset (text/csv, UTF-8, header first) as ref://data/{name} for data_analysis tasks: 201 when new, 200 when replaced; 400 names the malformed line.");

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static async Task<IResult> HandleAsync(string name, HttpContext http, ISender sender, CancellationToken cancellationToken)
    {
        var caller = Caller.Require(http.User);
        var mediaType = http.Request.ContentType?.Split(';')[0].Trim();
        if (!string.Equals(mediaType, "text/csv", StringComparison.OrdinalIgnoreCase))
        {
            throw BluxException.Validation("content_type", "unsupported_media_type", "A dataset is sent as text/csv.",
                new Dictionary<string, object?> { ["expected_format"] = "text/csv" });
        }

        // Strict UTF-8: a reader that replaced bad bytes with U+FFFD would store a dataset other than the one sent.
        using var reader = new StreamReader(http.Request.Body, StrictUtf8);
        string csv;
        try
        {
            csv = await reader.ReadToEndAsync(cancellationToken);
        }
        catch (DecoderFallbackException)
        {
            throw BluxException.Validation("body", "invalid_unicode", "A dataset is UTF-8 text; the body holds bytes that are not UTF-8.");
        }

        var result = await sender.Send(new PutDatasetCommand(caller, name, csv), cancellationToken);
        return result.Created
            ? Results.Created($"/v1/datasets/{Uri.EscapeDataString(name)}", result.Dataset)
            : Results.Ok(result.Dataset);
    }
}
