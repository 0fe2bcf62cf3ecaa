using Blux.SharedKernel.Events;
using Mediator;

namespace Blux.Host.Metrics;

/// <summary>Counts every event on the bus by type and source, for <c>/metrics</c>.</summary>
internal sealed class EventCounter(BluxMetrics metrics) : INotificationHandler<BLUXEvent>
{
    public ValueTask Handle(BLUXEvent notification, CancellationToken cancellationToken)
    {
        metrics.RecordEvent(notification.EventType, notification.Source);
        return ValueTask.CompletedTask;
    }
}
