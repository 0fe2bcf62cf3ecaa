using Blux.SharedKernel.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Blux.SharedKernel.Api;

/// <summary>
/// The one way Blux answers with Server-Sent Events: it takes one of the caller's stream slots
/// (<see cref="StreamSlots"/>; refused 429 in the envelope when none is left), sends the headers that keep
/// proxies from buffering, writes and flushes each frame as it comes, and ends quietly when the client goes.
/// </summary>
public static class ServerSentEvents
{
    /// <param name="frames">Each frame in its wire form, ending in a blank line (<c>event: …\ndata: …\n\n</c>, or a <c>: comment\n\n</c>).</param>
    public static async Task WriteAsync(HttpContext http, IAsyncEnumerable<string> frames, CancellationToken cancellationToken)
    {
        using var slot = http.RequestServices.GetRequiredService<StreamSlots>().Take(Caller.Require(http.User));
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        try
        {
            await foreach (var frame in frames.WithCancellation(cancellationToken))
            {
                await http.Response.WriteAsync(frame, cancellationToken);
                await http.Response.Body.FlushAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client closed the stream.
        }
    }
}
