using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using Blux.Modules.Guard.Contracts;
using Blux.SharedKernel.Api;

namespace Blux.Modules.Lite.Features.GetTask;

/// <summary>
/// The task as docs/api.md#get-v1taskstask_id shows it, plus its review, cancel request and next try. <see cref="AuditId"/>
/// is the task's <c>task.create</c> record, the same id the 202 answer of its submission carried.
/// </summary>
internal sealed record TaskView(
    string TaskId,
    [property: AllowedValues("echo", "test", "script", "data_analysis", "webhook")] string Type,
    [property: AllowedValues(
        Contracts.TaskStatuses.Accepted, Contracts.TaskStatuses.AwaitingApproval, Contracts.TaskStatuses.Queued, Contracts.TaskStatuses.Running,
        Contracts.TaskStatuses.Completed, Contracts.TaskStatuses.Failed, Contracts.TaskStatuses.Cancelled, Contracts.TaskStatuses.TimedOut, Contracts.TaskStatuses.Rejected)]
    string Status,
    [property: Description("The task's task.create audit record, the id its submission's 202 answer carried.")] string AuditId,
    [property: Description("Who submitted it, as the audit log names it (user:alice).")] string Identity,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    [property: SchemaAs(typeof(TaskContextView))] JsonNode? Context,
    [property: SchemaAs(typeof(TaskRequirementsView)), Description("What the task ran under: the request's requirements tightened by the doctrine.")]
    JsonNode? EffectiveRequirements,
    [property: SchemaAs(typeof(TaskRouteView))] JsonNode? Route,
    [property: SchemaAs(typeof(Ca.Contracts.Reflection)), Description("Ca's note on the task, when reflection ran.")] JsonNode? Reflection,
    [property: SchemaAs(typeof(JsonObject)), Description("The route's answer: echo {echo: payload}; script {output, console[]}; data_analysis {columns statistics}; webhook {status, body}.")]
    JsonNode? Result,
    TaskError? Error,
    int Attempts,
    long? DurationMs,
    DateTimeOffset? NextAttemptAt,
    TaskReview? Review,
    string? CancelRequestedBy,
    [property: SchemaAs(typeof(AuditRecord[])), Description("The task's audit records in chain order: task.create, task.execute, …")]
    IReadOnlyList<JsonObject> AuditTrail);

internal sealed record TaskError(string Code, string? Message);

/// <summary>The approval or rejection of a held task.</summary>
internal sealed record TaskReview([property: AllowedValues("approved", "rejected")] string Decision, string By, DateTimeOffset At, string? Reason);

/// <summary>The shape of <see cref="TaskView.Context"/>: the request's context, environment in its full name.</summary>
internal sealed record TaskContextView(
    string UserId,
    [property: AllowedValues("development", "staging", "production")] string Environment,
    [property: AllowedValues("low", "medium", "high", "critical")] string Sensitivity);

/// <summary>The shape of <see cref="TaskView.EffectiveRequirements"/>.</summary>
internal sealed record TaskRequirementsView(
    bool RequireReflection,
    bool SandboxExecution,
    [property: AllowedValues("none", "basic", "detailed", "verbose")] string AuditLevel);

/// <summary>The shape of <see cref="TaskView.Route"/>: the RouteDecision.</summary>
internal sealed record TaskRouteView(string SelectedRoute, string Rationale, IReadOnlyList<string> DoctrineFlags);
