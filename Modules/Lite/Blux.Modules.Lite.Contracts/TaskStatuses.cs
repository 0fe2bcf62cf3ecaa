namespace Blux.Modules.Lite.Contracts;

/// <summary>The task lifecycle of docs/contract.md#task-lifecycle.</summary>
public static class TaskStatuses
{
    public const string Accepted = "accepted";
    public const string AwaitingApproval = "awaiting_approval";
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";
    public const string TimedOut = "timed_out";
    public const string Rejected = "rejected";

    public static bool IsTerminal(string status) => status is Completed or Failed or Cancelled or TimedOut or Rejected;
}
