using System.Diagnostics;
using Blux.SharedKernel.Pipeline;
using Serilog.Core;
using Serilog.Events;

namespace Blux.Host.Logging;

/// <summary>
/// Adds <c>trace_id</c> and <c>span_id</c> from the current span, and <c>task_id</c> from the nearest
/// span that names a task: every line of a task's flow (its request, the modules it passes through,
/// the worker that runs it) carries all three, not only the lines logged inside a task scope.
/// </summary>
internal sealed class TraceEnricher : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        if (Activity.Current is not { } current)
        {
            return;
        }

        logEvent.AddPropertyIfAbsent(propertyFactory.CreateProperty("trace_id", current.TraceId.ToHexString()));
        logEvent.AddPropertyIfAbsent(propertyFactory.CreateProperty("span_id", current.SpanId.ToHexString()));
        if (logEvent.Properties.ContainsKey("task_id"))
        {
            return;
        }

        for (var activity = current; activity is not null; activity = activity.Parent)
        {
            if (activity.GetTagItem(BluxActivitySources.TaskIdTag) is string taskId)
            {
                logEvent.AddPropertyIfAbsent(propertyFactory.CreateProperty("task_id", taskId));
                return;
            }
        }
    }
}
