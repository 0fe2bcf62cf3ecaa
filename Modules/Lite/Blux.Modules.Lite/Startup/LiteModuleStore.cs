using System.Data.Common;
using System.Text.Json.Nodes;
using Blux.SharedKernel.Modules;
using Blux.SharedKernel.Stores;
using Microsoft.Extensions.Configuration;

namespace Blux.Modules.Lite.Startup;

/// <summary>
/// lite.db as the host's store check sees it. Its mark is the task written last before a clean stop:
/// tasks are never deleted once accepted, so a store without it lost tasks or is an older copy.
/// </summary>
internal sealed class LiteModuleStore(IConfiguration configuration) : IModuleStore
{
    public const string Name = "lite";

    public string Module => Name;

    public string FilePath { get; } = BluxPaths.StorePath(configuration, Name);

    public string OwnTable => "tasks";

    public JsonObject? CaptureMark(DbConnection connection) =>
        StoreSql.FirstRow(connection, "SELECT task_id FROM tasks WHERE pending_json IS NULL ORDER BY rowid DESC LIMIT 1") is { } row
            ? new JsonObject { ["newest_task"] = (string)row[0]! }
            : null;

    public string? FindMissing(DbConnection connection, JsonObject mark)
    {
        var taskId = mark["newest_task"]!.GetValue<string>();
        return StoreSql.FirstRow(connection, "SELECT 1 FROM tasks WHERE task_id = $id", ("$id", taskId)) is null
            ? $"task {taskId}, the newest at the last clean stop, is not in it: tasks were removed, or the file is an older copy"
            : null;
    }
}
