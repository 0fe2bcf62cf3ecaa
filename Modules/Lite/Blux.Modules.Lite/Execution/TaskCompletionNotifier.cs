using System.Collections.Concurrent;

namespace Blux.Modules.Lite.Execution;

/// <summary>
/// Lets <c>?wait=N</c> requests sleep until their task reaches a terminal state. A task id is known
/// here only while a request waits for it: each waiter holds a <see cref="Registration"/> and gives it
/// back when its request ends, however it ends (the task finished, the wait ran out, an error, a 404),
/// so the map holds at most one entry per waiting request, and one waiter leaving wakes no other.
/// </summary>
internal sealed class TaskCompletionNotifier
{
    /// <summary>An entry, its completion source and its key (the key's own characters are counted apart).</summary>
    public const long BytesPerEntry = 250;

    private readonly ConcurrentDictionary<string, Entry> _waiters = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Task ids with a request waiting for them.</summary>
    public int Count => _waiters.Count;

    public long EstimatedBytes => _waiters.Keys.Sum(k => BytesPerEntry + (2L * k.Length));

    /// <summary>Register before reading the task's status, so a completion in between is not missed. Dispose to stop waiting.</summary>
    public Registration Register(string taskId)
    {
        while (true)
        {
            var entry = _waiters.GetOrAdd(taskId, _ => new Entry());
            lock (entry)
            {
                // An entry its last waiter has just left is on its way out: take a fresh one.
                if (!entry.Removed)
                {
                    entry.Waiting++;
                    return new Registration(this, taskId, entry);
                }
            }
        }
    }

    /// <summary>
    /// Blux is stopping and its workers are done: no task ends in this process any more, so every
    /// waiting request answers now, with its task as it is, rather than hold the server's stop up.
    /// </summary>
    public void Stop() => _stopped.TrySetResult();

    /// <summary>The task has ended: every request waiting for it wakes.</summary>
    public void Complete(string taskId)
    {
        if (_waiters.TryRemove(taskId, out var entry))
        {
            lock (entry)
            {
                entry.Removed = true;
            }

            entry.Finished.TrySetResult();
        }
    }

    private void Leave(string taskId, Entry entry)
    {
        lock (entry)
        {
            if (--entry.Waiting > 0 || entry.Removed)
            {
                return;
            }

            entry.Removed = true;
        }

        _waiters.TryRemove(new KeyValuePair<string, Entry>(taskId, entry));
    }

    /// <summary>One request's wait for one task.</summary>
    internal sealed class Registration(TaskCompletionNotifier notifier, string taskId, Entry entry) : IDisposable
    {
        private int _disposed;

        /// <summary>Completes when the task ends, or when Blux has stopped running tasks.</summary>
        public Task Finished => Task.WhenAny(entry.Finished.Task, notifier._stopped.Task);

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                notifier.Leave(taskId, entry);
            }
        }
    }

    internal sealed class Entry
    {
        public TaskCompletionSource Finished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Waiting { get; set; }

        public bool Removed { get; set; }
    }
}
