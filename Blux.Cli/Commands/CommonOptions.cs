using System.CommandLine;

namespace Blux.Cli.Commands;

/// <summary>The options and arguments several commands take, declared once so that they read alike everywhere.</summary>
internal static class CommonOptions
{
    public const string AuditReason = "Why (kept in the audit record)";

    /// <summary>A file the command reads or writes, named by <c>--file</c> or <c>-f</c>.</summary>
    public static Option<FileInfo> File(string description) => new("--file", "-f") { Description = description, Required = true };

    public static Option<string?> Reason(string description = AuditReason, bool required = false) =>
        new("--reason") { Description = description, Required = required };

    public static Argument<string> TaskId(string description = "The task") => new("task-id") { Description = description };

    public static Option<int?> Wait() => new("--wait") { Description = "Wait up to SECONDS (0-60) for the task to end" };

    public static Option<int?> PageSize(string description) => new("--page-size") { Description = description };

    public static Option<string?> PageToken() => new("--page-token") { Description = "Continue from a previous page" };
}
