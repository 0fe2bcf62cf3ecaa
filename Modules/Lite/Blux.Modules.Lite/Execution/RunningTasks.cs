using System.Collections.Concurrent;

namespace Blux.Modules.Lite.Execution;

/// <summary>
/// The cancellation source of each task a worker is running, so that a cancel request reaches the
/// route cooperatively. A worker registers before it marks the task running, so a request that sees
/// <c>running</c> always finds the source.
/// </summary>
internal sealed class RunningTasks
{
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _running = new(StringComparer.Ordinal);

    public int Count => _running.Count;

    /// <summary>Whether a worker of this process is running the task.</summary>
    public bool IsRunning(string taskId) => _running.ContainsKey(taskId);

    public Registration Register(string taskId)
    {
        var source = new CancellationTokenSource();
        _running[taskId] = source;
        return new Registration(this, taskId, source);
    }

    /// <summary>Signals the task's route to stop; false when no worker is running it.</summary>
    public bool Cancel(string taskId)
    {
        if (!_running.TryGetValue(taskId, out var source))
        {
            return false;
        }

        try
        {
            source.Cancel();
            return true;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    internal sealed class Registration(RunningTasks owner, string taskId, CancellationTokenSource source) : IDisposable
    {
        public CancellationToken Token => source.Token;

        public bool CancelRequested => source.IsCancellationRequested;

        public void Dispose()
        {
            owner._running.TryRemove(new KeyValuePair<string, CancellationTokenSource>(taskId, source));
            source.Dispose();
        }
    }
}
