using Blux.SharedKernel.Stores;
using Microsoft.Extensions.Configuration;

namespace Blux.Modules.Lite.Startup;

/// <summary>
/// lite.db as the host's store check sees it. Its mark is the task written last before a clean stop:
/// tasks are never deleted once accepted, so a store without it lost tasks or is an older copy. A task
/// with a change pending is passed over: a pending submission may yet be dropped at the next start.
/// </summary>
internal sealed class LiteModuleStore(IConfiguration configuration) : NewestRowsStore(
    configuration,
    Name,
    "tasks",
    new KeptRow("newest_task", "tasks", "task_id", "task", "tasks were removed, or the file is an older copy", Filter: "pending_json IS NULL"))
{
    public const string Name = "lite";
}
