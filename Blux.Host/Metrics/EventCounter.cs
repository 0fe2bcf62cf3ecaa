using System.Diagnostics.Metrics;
using Blux.Host.Telemetry;
using Blux.SharedKernel.Events;
using Mediator;

namespace Blux.Host.Metrics;

/// <summary>Counts every event on the bus by type and source, as a metric and in <see cref="EventTotals"/>.</summary>
internal sealed class EventCounter(IMeterFactory meters, EventTotals totals) : INotificationHandler<BLUXEvent>
{
    private readonly Counter<long> _events = meters.Create(HostTelemetry.MeterName)
        .CreateCounter<long>("blux.events.published", "{event}", "BLUXEvents published on the bus, by event type and source module.");

    public ValueTask Handle(BLUXEvent notification, CancellationToken cancellationToken)
    {
        totals.Add(notification.EventType);
        _events.Add(1, new KeyValuePair<string, object?>("event.type", notification.EventType), new KeyValuePair<string, object?>("event.source", notification.Source));
        return ValueTask.CompletedTask;
    }
}
