using System.Diagnostics;
using System.Text.Json;
using Blux.SharedKernel.Errors;
using Blux.SharedKernel.Json;
using Microsoft.Extensions.Options;

namespace Blux.Host.Errors;

/// <summary>
/// Maps every failure to the envelope: client errors with their field and issue, anything unexpected
/// to a bare 500 that names a trace id and nothing internal.
/// </summary>
internal sealed class ErrorHandlingMiddleware(RequestDelegate next, ILogger<ErrorHandlingMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (BluxException exception)
        {
            await ErrorEnvelopeWriter.WriteAsync(context, exception);
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await ErrorEnvelopeWriter.WriteAsync(context, PayloadTooLarge(context));
        }
        catch (BadHttpRequestException exception) when (exception.InnerException is JsonException json)
        {
            await ErrorEnvelopeWriter.WriteAsync(context, json.Path is null or "$" ? JsonErrors.Malformed() : JsonErrors.WrongType(json));
        }
        catch (BadHttpRequestException exception)
        {
            await ErrorEnvelopeWriter.WriteAsync(context, BluxException.Validation("request", "bad_request", "The request could not be read."));
            logger.LogDebug("Bad request: {Reason}", exception.Message);
        }
        catch (JsonException exception)
        {
            await ErrorEnvelopeWriter.WriteAsync(context, exception.Path is null or "$" ? JsonErrors.Malformed() : JsonErrors.WrongType(exception));
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is no one to answer.
        }
        catch (Exception exception)
        {
            var traceId = Activity.Current?.Id ?? context.TraceIdentifier;
            logger.LogError(exception, "Unhandled failure on {Method} {Path} (trace {TraceId})", context.Request.Method, context.Request.Path.Value, traceId);
            await ErrorEnvelopeWriter.WriteAsync(
                context,
                ErrorCodes.InternalError,
                "An internal error occurred.",
                new Dictionary<string, object?> { ["trace_id"] = traceId },
                null);
        }
    }

    public static BluxException PayloadTooLarge(HttpContext context)
    {
        var limit = context.RequestServices.GetRequiredService<IOptions<BluxHostOptions>>().Value.MaxRequestBodyBytes;
        return new BluxException(ErrorCodes.PayloadTooLarge, $"The request body is larger than {limit} bytes.",
            new Dictionary<string, object?> { ["field"] = "body", ["issue"] = "too_large", ["limit_bytes"] = limit });
    }
}
