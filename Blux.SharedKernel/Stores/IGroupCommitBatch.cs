namespace Blux.SharedKernel.Stores;

/// <summary>
/// How one module's batches are written by a <see cref="GroupCommitWriter{TItem, TResult}"/>: the writer
/// queues, batches, answers and stops; this says what a batch is on disk.
/// </summary>
public interface IGroupCommitBatch<TItem, TResult>
{
    /// <summary>How much of <see cref="GroupCommitLimits.MaxBatch"/> an item takes (its rows, say); one by default.</summary>
    int Weight(TItem item) => 1;

    /// <summary>
    /// Stage one, everything that needs no disk (ordering, hashing, signing): answers the commit that
    /// writes the batch in ONE transaction and gives one result per item, in order, or null when there is
    /// nothing to write. With <see cref="GroupCommitLimits.SealAhead"/> it runs for the next batch while
    /// the last one is written. <paramref name="items"/> is empty for a batch asked for with
    /// <see cref="GroupCommitWriter{TItem, TResult}.RequestBatch"/> and for the last one, which
    /// <paramref name="closing"/> marks, sealed after the queue has been drained at a stop.
    /// </summary>
    ValueTask<GroupCommit<TResult>?> SealAsync(IReadOnlyList<TItem> items, bool closing, CancellationToken cancellationToken);

    /// <summary>An item whose caller stopped waiting was written after all; <paramref name="result"/> is what the write gave.</summary>
    void Abandoned(TItem item, TResult result)
    {
    }

    /// <summary>Upkeep after a batch's callers have been answered, so that it never delays them.</summary>
    ValueTask AfterBatchAsync() => ValueTask.CompletedTask;

    /// <summary>Releases what the batches were written through (a connection), once the writer has drained.</summary>
    ValueTask CloseAsync() => ValueTask.CompletedTask;
}

/// <summary>Writes one sealed batch in one transaction; one result per item, in order.</summary>
public delegate ValueTask<IReadOnlyList<TResult>> GroupCommit<TResult>();

public static class GroupCommitBatch
{
    /// <summary>Stage one of a batch that needs no sealing: <paramref name="commit"/> writes the items as they are; an empty batch writes nothing.</summary>
    public static ValueTask<GroupCommit<TResult>?> AsIs<TItem, TResult>(IReadOnlyList<TItem> items, Func<IReadOnlyList<TItem>, ValueTask<IReadOnlyList<TResult>>> commit) =>
        new(items.Count == 0 ? null : () => commit(items));
}
