using System.Collections.Concurrent;

namespace Blux.Modules.Lite.Execution;

/// <summary>
/// Lets <c>?wait=N</c> requests sleep until their task reaches a terminal state. A waiter that finds the
/// task finished already releases its own registration, so none is left behind.
/// </summary>
internal sealed class TaskCompletionNotifier
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiters = new(StringComparer.Ordinal);

    /// <summary>Register before reading the task's status, so a completion in between is not missed.</summary>
    public Task WaitFor(string taskId) =>
        _waiters.GetOrAdd(taskId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Release(string taskId)
    {
        if (_waiters.TryRemove(taskId, out var waiter))
        {
            waiter.TrySetResult();
        }
    }
}
