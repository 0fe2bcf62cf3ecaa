using System.Threading.Channels;

namespace Blux.Modules.Lite.Execution;

/// <summary>
/// The in-memory side of the durable queue: ids of tasks whose row says <c>queued</c>. The rows are
/// the truth; on start the queue is refilled from them.
/// </summary>
internal sealed class TaskQueue
{
    private readonly Channel<string> _channel = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = false });
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Enqueue(string taskId)
    {
        if (_channel.Writer.TryWrite(taskId))
        {
            Interlocked.Increment(ref _count);
        }
    }

    public async ValueTask<string> DequeueAsync(CancellationToken cancellationToken)
    {
        var taskId = await _channel.Reader.ReadAsync(cancellationToken);
        Interlocked.Decrement(ref _count);
        return taskId;
    }
}
