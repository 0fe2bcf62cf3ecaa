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
}
