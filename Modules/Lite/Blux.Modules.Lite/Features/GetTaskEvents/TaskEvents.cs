using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using Blux.SharedKernel.Api;

namespace Blux.Modules.Lite.Features.GetTaskEvents;

/// <summary>The shape of <c>GET /v1/tasks/{taskId}/events</c>, for the OpenAPI document.</summary>
internal sealed record TaskEvents(string TaskId, IReadOnlyList<TaskEventEntry> Events);

internal sealed record TaskEventEntry(
    [property: Description("Milliseconds since the event before; 0 for the first.")] double SincePreviousMs,
    [property: SchemaAs(typeof(TaskEventView))] JsonObject Event);

/// <summary>
/// A BLUXEvent (docs/contract.md#events): the members every event has; each type adds its own (TaskStart: task_type,
/// context, requirements; RouteDecision: selected_route, rationale, doctrine_flags; …).
/// </summary>
internal sealed record TaskEventView(
    string EventId,
    [property: AllowedValues("TaskStart", "RouteDecision", "ReflectionNote", "KeyRotate", "TaskCompleted", "TaskFailed", "ApprovalRequested", "PolicyChanged")]
    string EventType,
    DateTimeOffset Timestamp,
    [property: AllowedValues("blux-lite", "blux-ca", "blux-guard", "blux-reg")] string Source,
    [property: Description("The audit record the event belongs to.")] string AuditId,
    [property: Description("hs256-<base64url>: HMAC-SHA256 under the host's event key.")] string Signature,
    string TaskId);
