using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Blux.Host.Errors;

/// <summary>
/// The body limit of docs/contract.md#conventions, enforced whatever the server: a declared length over the limit is
/// refused before reading, and a body without a declared length stops being read at the limit.
/// </summary>
internal sealed class RequestBodyLimitMiddleware(RequestDelegate next, IOptions<BluxHostOptions> options)
{
    private readonly long _limit = options.Value.MaxRequestBodyBytes;

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength > _limit)
        {
            throw ErrorHandlingMiddleware.PayloadTooLarge(context);
        }

        var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
        {
            sizeFeature.MaxRequestBodySize = _limit;
        }

        context.Request.Body = new LimitedReadStream(context.Request.Body, _limit, () => ErrorHandlingMiddleware.PayloadTooLarge(context));
        return next(context);
    }
}
