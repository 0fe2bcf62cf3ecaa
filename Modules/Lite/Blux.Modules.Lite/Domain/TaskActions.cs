namespace Blux.Modules.Lite.Domain;

/// <summary>What moved a task, as named in its pending transition and in the audit operation <c>task.&lt;action&gt;</c>.</summary>
internal static class TaskActions
{
    public const string Create = "create";
    public const string Execute = "execute";
    public const string Approve = "approve";
    public const string Reject = "reject";
    public const string Cancel = "cancel";
}
