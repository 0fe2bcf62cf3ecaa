namespace Blux.SharedKernel.Stores;

/// <summary>
/// The size of a <see cref="GroupCommitWriter{TItem, TResult}"/>'s batches and queue.
/// </summary>
/// <param name="MaxBatch">The weight one batch takes at most (items, unless the batch weighs them otherwise).</param>
/// <param name="Capacity">Items the queue holds before a caller waits for room: memory stays bounded under any load.</param>
/// <param name="SealAhead">Seal the next batch while the last is written (worth it when sealing is costly, as signing is).</param>
public sealed record GroupCommitLimits(int MaxBatch, int Capacity = GroupCommitLimits.DefaultCapacity, bool SealAhead = false)
{
    public const int DefaultCapacity = 8192;
}
