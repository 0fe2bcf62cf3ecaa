namespace Blux.SharedKernel.Events;

/// <summary>
/// Signs, persists and then publishes events. Call it only after the write that the events describe
/// is committed; it returns the events as signed and stored.
/// </summary>
public interface IEventBus
{
    ValueTask<IReadOnlyList<BLUXEvent>> PublishAsync(IReadOnlyList<BLUXEvent> events, CancellationToken cancellationToken);
}
