using Blux.SharedKernel.Errors;

namespace Blux.SharedKernel.Stores;

/// <summary>
/// What a <see cref="GroupCommitWriter{TItem, TResult}"/>'s caller hears when its item was not made
/// durable: <c>503</c> naming <paramref name="Component"/>, with <paramref name="WhenStopping"/> when the
/// writer was stopping and never wrote it, <paramref name="WhenFailed"/> when its batch failed.
/// </summary>
public sealed record GroupCommitRefusal(string Component, string WhenStopping, string WhenFailed)
{
    public BluxException For(Exception? cause) => BluxException.Unavailable(Component, cause is null ? WhenStopping : WhenFailed);
}
