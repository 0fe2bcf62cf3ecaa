using Blux.SharedKernel.Vocabulary;

namespace Blux.Modules.Lite.Domain;

/// <summary>How a <see cref="TaskAction"/> is named to callers, in the store and in the audit log.</summary>
internal static class TaskActionNames
{
    /// <summary><c>create</c>, <c>execute</c>, <c>approve</c>, <c>reject</c> or <c>cancel</c>.</summary>
    public static string Name(this TaskAction action) => WireName<TaskAction>.Of(action);

    /// <summary>The audit operation of the change the action makes: <c>task.create</c>, <c>task.execute</c>, …</summary>
    public static string Operation(this TaskAction action) => "task." + action.Name();
}
