using Blux.SharedKernel.Errors;
using Blux.SharedKernel.Json;
using Microsoft.AspNetCore.Http;

namespace Blux.Modules.Lite.Features;

internal static class TaskActionRequest
{
    public const int MaxReasonLength = 1000;

    /// <summary>Reads <c>{reason?}</c> when there is a body; an empty body means no reason.</summary>
    public static async Task<string?> ReadReasonAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength is 0 || (request.ContentLength is null && !request.Headers.TransferEncoding.Any()))
        {
            return null;
        }

        var (_, body) = await JsonBody.ReadAsync<TaskActionBody>(request.Body, cancellationToken);
        if (body.Reason is { Length: > MaxReasonLength })
        {
            throw BluxException.Validation("reason", "too_long", $"reason must be at most {MaxReasonLength} characters.");
        }

        return body.Reason;
    }
}
