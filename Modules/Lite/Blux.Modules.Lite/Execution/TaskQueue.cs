using System.Threading.Channels;

namespace Blux.Modules.Lite.Execution;

/// <summary>
/// The in-memory side of the durable queue: ids of tasks whose row says <c>queued</c>. The rows are
/// the truth; on start the queue is refilled from them. A task waiting out a retry backoff is put in
/// when its time comes.
/// </summary>
internal sealed class TaskQueue(TimeProvider clock)
{
    /// <summary>A queued id: its slot in the channel and its string (<c>task_</c> and 32 hex digits).</summary>
    public const long BytesPerEntry = 120;

    private readonly Channel<string> _channel = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = false });
    private int _count;
    private int _delayed;

    public int Count => Volatile.Read(ref _count) + Volatile.Read(ref _delayed);

    public void Enqueue(string taskId)
    {
        if (_channel.Writer.TryWrite(taskId))
        {
            Interlocked.Increment(ref _count);
        }
    }

    /// <summary>Queues the task at <paramref name="when"/> by the injected clock (at once when that has passed).</summary>
    public void EnqueueAt(string taskId, DateTimeOffset when)
    {
        var delay = when - clock.GetUtcNow();
        if (delay <= TimeSpan.Zero)
        {
            Enqueue(taskId);
            return;
        }

        Interlocked.Increment(ref _delayed);
        ITimer? timer = null;
        timer = clock.CreateTimer(
            _ =>
            {
                Interlocked.Decrement(ref _delayed);
                Enqueue(taskId);
                timer?.Dispose();
            },
            null,
            delay,
            Timeout.InfiniteTimeSpan);
    }

    public async ValueTask<string> DequeueAsync(CancellationToken cancellationToken)
    {
        var taskId = await _channel.Reader.ReadAsync(cancellationToken);
        Interlocked.Decrement(ref _count);
        return taskId;
    }
}
