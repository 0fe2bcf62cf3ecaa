using System.Text.Json.Serialization;
using Blux.SharedKernel.Vocabulary;

namespace Blux.Modules.Lite.Domain;

/// <summary>
/// What moved a task, named on the wire (<see cref="TaskActionNames.Name"/>) in its pending transition,
/// the row's review decision and error details, and in the audit operation <c>task.&lt;action&gt;</c>.
/// </summary>
[JsonConverter(typeof(WireNameJsonConverter<TaskAction>))]
internal enum TaskAction
{
    Create,
    Execute,
    Approve,
    Reject,
    Cancel,
}
