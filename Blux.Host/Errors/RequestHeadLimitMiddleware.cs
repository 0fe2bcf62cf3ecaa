using Blux.SharedKernel.Errors;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Blux.Host.Errors;

/// <summary>
/// Enforces <see cref="RequestHeadLimits"/> before routing and authentication, so an oversized
/// token is refused with the envelope (<c>431</c>, <c>414</c>) instead of being read and checked.
/// </summary>
internal sealed class RequestHeadLimitMiddleware(RequestDelegate next, IOptions<RequestHeadLimits> options)
{
    private readonly RequestHeadLimits _limits = options.Value;

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        var target = string.IsNullOrEmpty(rawTarget) ? request.PathBase.Value + request.Path.Value + request.QueryString.Value : rawTarget;
        var lineBytes = request.Method.Length + 1 + target.Length + 1 + request.Protocol.Length + 2;
        if (lineBytes > _limits.MaxRequestLineBytes)
        {
            return RefuseAsync(context, StatusCodes.Status414UriTooLong, "request_line", _limits.MaxRequestLineBytes,
                $"The request line is longer than {_limits.MaxRequestLineBytes} bytes.");
        }

        var count = 0;
        long headerBytes = 0;
        foreach (var (name, values) in request.Headers)
        {
            foreach (var value in values)
            {
                count++;
                headerBytes += name.Length + 2 + (value?.Length ?? 0) + 2;
            }
        }

        if (headerBytes > _limits.MaxRequestHeaderBytes)
        {
            return RefuseAsync(context, StatusCodes.Status431RequestHeaderFieldsTooLarge, "headers", _limits.MaxRequestHeaderBytes,
                $"The request headers are larger than {_limits.MaxRequestHeaderBytes} bytes.");
        }

        if (count > _limits.MaxRequestHeaderCount)
        {
            return RefuseAsync(context, StatusCodes.Status431RequestHeaderFieldsTooLarge, "headers", _limits.MaxRequestHeaderCount,
                $"The request has more than {_limits.MaxRequestHeaderCount} header lines.", "too_many");
        }

        return next(context);
    }

    private static Task RefuseAsync(HttpContext context, int status, string field, int limit, string message, string issue = "too_large")
    {
        // The connection is not kept: what follows an oversized head is not worth reading.
        context.Response.Headers.Connection = "close";
        return ErrorEnvelopeWriter.WriteAsync(
            context,
            ErrorCodes.ValidationFailed,
            message,
            new Dictionary<string, object?> { ["field"] = field, ["issue"] = issue, ["limit"] = limit },
            null,
            status);
    }
}
