using System.Collections.Concurrent;
using System.Diagnostics;

namespace Blux.SharedKernel.Pipeline;

/// <summary>
/// One <see cref="ActivitySource"/> per module (<c>Blux.Modules.Guard</c>, …) and one for the host
/// (<c>Blux.Host</c>); the host's OpenTelemetry listens to <c>Blux.*</c>.
/// </summary>
public static class BluxActivitySources
{
    /// <summary>The attribute naming the task a span belongs to; log lines under such a span carry it as <c>task_id</c>.</summary>
    public const string TaskIdTag = "task.id";

    private static readonly ConcurrentDictionary<string, ActivitySource> Sources = new(StringComparer.Ordinal);

    /// <param name="module">A module name as <see cref="ModuleNames.Of"/> gives it (<c>lite</c>, <c>guard</c>, …) or <c>host</c>.</param>
    public static ActivitySource For(string module) =>
        Sources.GetOrAdd(module, m => new ActivitySource(m == "host" ? "Blux.Host" : "Blux.Modules." + char.ToUpperInvariant(m[0]) + m[1..]));

    /// <summary>Names the task on the current span and every span above it in this process (the HTTP request's among them).</summary>
    public static void TagTask(string taskId)
    {
        for (var activity = Activity.Current; activity is not null; activity = activity.Parent)
        {
            activity.SetTag(TaskIdTag, taskId);
        }
    }
}
