using Blux.Modules.Guard.Contracts;
using Blux.SharedKernel.Events;
using Mediator;

namespace Blux.Host.Bus;

/// <summary>
/// Events go to the signed, append-only log first and are published only once stored. A handler
/// that throws is logged and does not undo or hide the publisher's committed work (ADR 0003).
/// </summary>
internal sealed class SignedEventBus(ISender sender, IPublisher publisher, ILogger<SignedEventBus> logger) : IEventBus
{
    public async ValueTask<IReadOnlyList<BLUXEvent>> PublishAsync(IReadOnlyList<BLUXEvent> events, CancellationToken cancellationToken)
    {
        var stored = await sender.Send(new AppendEvents(events), cancellationToken);
        foreach (var evt in stored)
        {
            try
            {
                await publisher.Publish((object)evt, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "A handler of {EventType} {EventId} failed; the event stays recorded", evt.EventType, evt.EventId);
            }
        }

        return stored;
    }
}
