namespace Blux.SharedKernel.Stores;

/// <summary>
/// A caller of <see cref="GroupCommitWriter{TItem, TResult}.WriteAsync"/> stopped waiting. When the
/// writer had not taken the item yet it is withdrawn and never written; once taken, it is left to the
/// disk and may still be written (the batch then hears of it through <see cref="IGroupCommitBatch{TItem, TResult}.Abandoned"/>).
/// </summary>
public sealed class GroupCommitAbandonedException(bool mayBeWritten, CancellationToken cancellationToken)
    : OperationCanceledException(mayBeWritten ? "The write was left to the store." : "The write was withdrawn before it was made.", null, cancellationToken)
{
    public bool MayBeWritten { get; } = mayBeWritten;
}
