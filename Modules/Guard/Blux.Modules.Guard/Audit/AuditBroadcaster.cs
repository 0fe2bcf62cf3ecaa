using System.Collections.Concurrent;
using System.Threading.Channels;
using Blux.Modules.Guard.Domain;

namespace Blux.Modules.Guard.Audit;

/// <summary>
/// Hands each durable record to the live-tail subscribers. A subscriber that falls too far behind is
/// dropped rather than slowing the writer; it reconnects with Last-Event-ID and catches up from the store.
/// </summary>
internal sealed class AuditBroadcaster
{
    private const int SubscriberBuffer = 1024;
    private readonly ConcurrentDictionary<Guid, Channel<AuditRecordRow>> _subscribers = new();

    public (Guid Id, ChannelReader<AuditRecordRow> Reader) Subscribe()
    {
        var channel = Channel.CreateBounded<AuditRecordRow>(new BoundedChannelOptions(SubscriberBuffer) { SingleReader = true, SingleWriter = true });
        var id = Guid.NewGuid();
        _subscribers[id] = channel;
        return (id, channel.Reader);
    }

    public void Unsubscribe(Guid id)
    {
        if (_subscribers.TryRemove(id, out var channel))
        {
            channel.Writer.TryComplete();
        }
    }

    public void Publish(IReadOnlyList<AuditRecordRow> rows)
    {
        foreach (var (id, channel) in _subscribers)
        {
            foreach (var row in rows)
            {
                if (!channel.Writer.TryWrite(row))
                {
                    Unsubscribe(id);
                    break;
                }
            }
        }
    }
}
