using Blux.SharedKernel.Errors;
using Microsoft.AspNetCore.Http;

namespace Blux.Modules.Lite.Features;

/// <summary>The <c>?wait=N</c> parameter: whole seconds from 0 to the configured maximum.</summary>
internal static class TaskWait
{
    public static TimeSpan Read(HttpRequest request, TimeSpan max)
    {
        var raw = request.Query["wait"].ToString();
        if (string.IsNullOrEmpty(raw))
        {
            return TimeSpan.Zero;
        }

        if (!int.TryParse(raw, out var seconds) || seconds < 0 || seconds > max.TotalSeconds)
        {
            throw BluxException.Validation("wait", "invalid_value", $"wait must be a whole number of seconds from 0 to {max.TotalSeconds}.");
        }

        return TimeSpan.FromSeconds(seconds);
    }

    /// <summary>
    /// Waits until <paramref name="finished"/> completes, <paramref name="wait"/> has passed or the
    /// request is aborted, whichever comes first; never throws. The timer goes as soon as the wait
    /// ends (a bare Task.Delay would stay queued for the whole wait, thousands of them under load).
    /// </summary>
    public static async Task ForAsync(Task finished, TimeSpan wait, CancellationToken cancellationToken) =>
        await finished.WaitAsync(wait, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
}
