using System.Net;

namespace Blux.Modules.Lite.Routes;

/// <summary>
/// Where a delivery may go after a redirect (ADR 0014). Only a target configured with
/// <c>FollowRedirects</c> is followed, and only to its own origin: the same scheme, host and port as
/// its configured URL, compared after <see cref="Uri"/> has put the host in its one form (so
/// <c>2130706433</c>, <c>0x7f.1</c> and <c>127.1</c> are <c>127.0.0.1</c>, and <c>localhost</c> is
/// not). 301, 302, 307 and 308 send the same request again, body included; 303 asks for the answer
/// with a GET and no body. Anything else is refused, and what the refused location holds is never read.
/// </summary>
internal static class WebhookRedirects
{
    public const string Refused = "WEBHOOK_REDIRECT_REFUSED";
    public const string TooMany = "WEBHOOK_TOO_MANY_REDIRECTS";

    public static bool IsRedirect(HttpStatusCode status) => (int)status is 301 or 302 or 303 or 307 or 308;

    /// <summary>The next request after <paramref name="current"/> answered a redirect, or a <see cref="RouteException"/> saying why there is none.</summary>
    /// <param name="followed">Redirects already followed for this delivery.</param>
    public static WebhookHop Next(WebhookTarget target, WebhookHop current, HttpStatusCode status, Uri? location, int followed, int maxRedirects)
    {
        var answered = $"Webhook target '{target.Name}' answered {(int)status}, a redirect";
        if (!target.FollowRedirects)
        {
            throw new RouteException(Refused, $"{answered}; redirects are not followed for this target.");
        }

        if (location is null || !Uri.TryCreate(current.Url, location, out var next))
        {
            throw new RouteException(Refused, $"{answered} without a usable Location.");
        }

        if (!SameOrigin(target.Url, next) || next.UserInfo.Length > 0)
        {
            throw new RouteException(Refused, $"{answered} away from the target's origin {Origin(target.Url)}; it is not followed.");
        }

        if (followed >= maxRedirects)
        {
            throw new RouteException(TooMany, $"{answered} after {followed} redirects already followed; at most {maxRedirects} are.");
        }

        return new WebhookHop(next, status != HttpStatusCode.SeeOther && current.WithBody);
    }

    private static bool SameOrigin(Uri allowed, Uri next) =>
        string.Equals(allowed.Scheme, next.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(allowed.IdnHost, next.IdnHost, StringComparison.OrdinalIgnoreCase)
        && allowed.Port == next.Port;

    private static string Origin(Uri uri) => $"{uri.Scheme}://{uri.Authority}";
}
