using System.Text.Json;
using System.Text.Json.Nodes;
using Blux.SharedKernel.Events;
using Blux.SharedKernel.Json;

namespace Blux.Modules.Lite.Domain;

/// <summary>Turns the task events kept in a pending transition back into events for the bus.</summary>
internal static class TaskEventCodec
{
    public static JsonObject Encode(BLUXEvent evt) => evt.ToJson();

    public static BLUXEvent Decode(JsonObject json) => json["event_type"]?.GetValue<string>() switch
    {
        nameof(TaskStart) => json.Deserialize<TaskStart>(BluxJson.Options)!,
        nameof(ReflectionNote) => json.Deserialize<ReflectionNote>(BluxJson.Options)!,
        nameof(RouteDecision) => json.Deserialize<RouteDecision>(BluxJson.Options)!,
        nameof(ApprovalRequested) => json.Deserialize<ApprovalRequested>(BluxJson.Options)!,
        nameof(TaskCompleted) => json.Deserialize<TaskCompleted>(BluxJson.Options)!,
        nameof(TaskFailed) => json.Deserialize<TaskFailed>(BluxJson.Options)!,
        var other => throw new InvalidOperationException($"Lite does not keep events of type {other}."),
    };
}
