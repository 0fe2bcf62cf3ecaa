using System.Data.Common;
using Blux.SharedKernel.Errors;

namespace Blux.SharedKernel.Stores;

/// <summary>
/// Blux cannot start on a store: it is not what Blux expects (<see cref="Refused"/>: missing, empty,
/// foreign, malformed, behind what the last clean stop recorded), or it could not be used (unreadable,
/// read-only, a full disk). Carries the file and the reason in words, so the host ends the start with
/// one line naming both instead of a stack trace.
/// </summary>
public sealed class StoreStartupException : Exception
{
    public StoreStartupException(IReadOnlyList<StoreProblem> problems, Exception? cause = null)
        : base(string.Join("; ", problems.Select(p => $"{p.Path}: {p.Reason}")), cause)
    {
        Problems = problems;
    }

    public IReadOnlyList<StoreProblem> Problems { get; }

    /// <summary>True when every problem is one an operator may accept with <c>--accept-store-reset</c>.</summary>
    public bool Refused => Problems.All(p => p.Acceptable);

    public static StoreStartupException Refuse(string module, string path, string reason) =>
        new([new StoreProblem(module, path, reason, Acceptable: true)]);

    /// <summary>A failure of a module's own store during its start, named after the file.</summary>
    public static StoreStartupException Failed(string module, string path, Exception cause) =>
        new([new StoreProblem(module, path, ReasonOf(cause), Acceptable: false)], cause);

    /// <summary>Whether <paramref name="exception"/> comes from a store (SQLite, the file system).</summary>
    public static bool IsStoreFailure(Exception exception) => exception switch
    {
        StoreStartupException => false,
        DbException or IOException or UnauthorizedAccessException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsStoreFailure),
        _ => exception.InnerException is { } inner && IsStoreFailure(inner),
    };

    /// <summary>An audit record or event that could not be made durable: for Guard, a failure of its own store.</summary>
    public static bool IsUnavailable(Exception exception) => exception is BluxException { Code: ErrorCodes.ServiceUnavailable };

    private static string ReasonOf(Exception exception) => exception switch
    {
        DbException or IOException or UnauthorizedAccessException => exception.Message.TrimEnd('.'),
        _ when exception.InnerException is { } inner && IsStoreFailure(inner) => ReasonOf(inner),
        AggregateException aggregate when aggregate.InnerExceptions.FirstOrDefault(IsStoreFailure) is { } first => ReasonOf(first),
        _ => exception.Message.TrimEnd('.'),
    };
}

/// <summary>One store Blux will not start on: its module, file, the reason, and whether an operator may accept it.</summary>
public sealed record StoreProblem(string Module, string Path, string Reason, bool Acceptable);
