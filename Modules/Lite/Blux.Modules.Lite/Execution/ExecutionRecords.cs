using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Blux.Modules.Guard.Contracts;
using Blux.Modules.Lite.Contracts;
using Blux.Modules.Lite.Domain;
using Blux.SharedKernel;
using Blux.SharedKernel.Crypto;
using Blux.SharedKernel.Json;
using Microsoft.Extensions.Logging;

namespace Blux.Modules.Lite.Execution;

/// <summary>
/// Writes a run's outcome as the change kept on the task row (<see cref="PendingTransition"/>): the
/// audit entry <c>task.execute</c> with input and output hashes, the TaskCompleted or TaskFailed event,
/// and the JSON the row keeps. An outcome that cannot be written — a result nested too deep for the
/// JSON readers and writers, or text that is not valid UTF-16 — becomes a failure with the code
/// <see cref="ResultNotStorable"/>: kept as it was, it could never be recorded and the task would stay
/// running for ever.
/// </summary>
internal sealed class ExecutionRecords(TimeProvider clock, ILogger<ExecutionRecords> logger)
{
    public const string ResultNotStorable = "RESULT_NOT_STORABLE";

    public ExecutionRecord Build(TaskRecord task, JsonObject payload, RunOutcome run)
    {
        try
        {
            return Record(task, payload, run);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or ArgumentException or EncoderFallbackException)
        {
            logger.LogWarning("Task {TaskId}: the {Route} route's outcome cannot be stored ({Reason}); the task fails {Code}", task.TaskId, task.Route, exception.Message, ResultNotStorable);
            return Record(task, payload, new RunOutcome(
                TaskStatuses.Failed, null, ResultNotStorable, $"The {task.Route} route's result cannot be stored: it is nested too deep or is not valid text.", run.DurationMs));
        }
    }

    private ExecutionRecord Record(TaskRecord task, JsonObject payload, RunOutcome run)
    {
        var (status, result, errorCode, errorMessage, durationMs, notBefore) = run;
        var route = BluxJson.Deserialize<TaskRoute>(task.RouteJson)!;
        var resultNode = result ?? new JsonObject { ["error"] = new JsonObject { ["code"] = errorCode, ["message"] = errorMessage } };
        var outputHash = BluxHash.OfCanonical(resultNode);
        var (pending, outcome) = TaskAudit.Plan(
            task,
            TaskChange.OfRun(task, status, status == TaskStatuses.Completed ? AuditStatuses.Success : AuditStatuses.Failure, errorCode, errorMessage) with
            {
                OutputHash = outputHash,
                DurationMs = durationMs,
            },
            new JsonObject
            {
                ["route"] = task.Route,
                ["task_status"] = status,
                ["attempt"] = task.Attempts,
                ["error_code"] = errorCode,
                ["next_attempt_at"] = notBefore is null ? null : BluxTime.ToText(notBefore.Value),
                ["result"] = resultNode.DeepClone(),
            },
            clock);
        pending = pending with
        {
            ResultJson = result?.ToJsonString(),
            NotBefore = notBefore,
            Audit = pending.Audit with
            {
                InputHash = BluxHash.OfCanonical(payload),
                OutputHash = outputHash,
                DoctrineFlagsApplied = route.DoctrineFlags,
                DurationMs = durationMs,
            },
        };
        return new ExecutionRecord(pending, BluxJson.Serialize(pending), outcome);
    }
}
