using Blux.SharedKernel;
using Blux.SharedKernel.Errors;
using Blux.SharedKernel.Json;

namespace Blux.Host.Errors;

/// <summary>Writes the error envelope (docs/contract.md#error-envelope); the only place a failure becomes a response body.</summary>
internal static class ErrorEnvelopeWriter
{
    /// <summary>
    /// Retry-After on a 503 while Blux stops: about the default grace period, after which a restarted
    /// Blux (or another instance behind the same address) takes the request.
    /// </summary>
    public const int RetryAfterWhileStoppingSeconds = 10;

    public static Task WriteAsync(HttpContext context, BluxException exception) =>
        WriteAsync(context, exception.Code, exception.Message, exception.Details, exception.AuditId, exception.StatusCode);

    /// <summary>For a status set without a body (unknown route, wrong method): the envelope all the same.</summary>
    public static Task WriteForStatusAsync(HttpContext context)
    {
        var status = context.Response.StatusCode;
        var (code, message) = status switch
        {
            StatusCodes.Status404NotFound => (ErrorCodes.NotFound, "No such resource."),
            StatusCodes.Status405MethodNotAllowed => (ErrorCodes.NotFound, $"This resource does not accept {context.Request.Method}."),
            StatusCodes.Status415UnsupportedMediaType => (ErrorCodes.ValidationFailed, "The request body must be sent as application/json."),
            >= 500 => (ErrorCodes.InternalError, "An internal error occurred."),
            _ => (ErrorCodes.ValidationFailed, "The request could not be processed."),
        };
        var details = new Dictionary<string, object?> { ["path"] = context.Request.Path.Value, ["method"] = context.Request.Method };
        return WriteAsync(context, code, message, details, null, status);
    }

    public static async Task WriteAsync(HttpContext context, string code, string message, IReadOnlyDictionary<string, object?> details, string? auditId, int? status = null)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        var clock = context.RequestServices.GetRequiredService<TimeProvider>();
        context.Response.StatusCode = status ?? ErrorCodes.StatusOf(code);
        if (context.Response.StatusCode == StatusCodes.Status503ServiceUnavailable
            && context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested)
        {
            context.Response.Headers.RetryAfter = RetryAfterWhileStoppingSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        if (code == ErrorCodes.RateLimitExceeded && details.TryGetValue("reset_in", out var resetIn) && resetIn is not null)
        {
            context.Response.Headers.RetryAfter = Convert.ToString(resetIn, System.Globalization.CultureInfo.InvariantCulture);
        }

        var envelope = new ErrorEnvelope(new ErrorBody(code, message, details, auditId, BluxTime.ToText(clock.GetUtcNow())));
        await context.Response.WriteAsync(BluxJson.Serialize(envelope), context.RequestAborted);
    }
}
