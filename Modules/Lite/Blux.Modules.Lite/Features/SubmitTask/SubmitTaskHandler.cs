using System.Text.Json.Nodes;
using Blux.Modules.Ca.Contracts;
using Blux.Modules.Guard.Contracts;
using Blux.Modules.Lite.Contracts;
using Blux.Modules.Lite.Data;
using Blux.Modules.Lite.Domain;
using Blux.Modules.Lite.Execution;
using Blux.Modules.Lite.Routes;
using Blux.SharedKernel;
using Blux.SharedKernel.Crypto;
using Blux.SharedKernel.Errors;
using Blux.SharedKernel.Events;
using Blux.SharedKernel.Identity;
using Blux.SharedKernel.Json;
using Blux.SharedKernel.Pipeline;
using Blux.SharedKernel.Vocabulary;
using Mediator;
using Microsoft.Extensions.Logging;

namespace Blux.Modules.Lite.Features.SubmitTask;

/// <summary>
/// The task flow (docs/contract.md#task-flow) up to execution: TaskStart → Guard ValidateRequest → Ca reflection → doctrine
/// applied → RouteDecision. The task row is written first as <c>accepted</c> with its planned status
/// pending; then its <c>task.create</c> audit record; only when that is durable do its events go out and
/// the row take the planned status. If the audit cannot be made durable the row is removed and the
/// client gets 503.
/// </summary>
internal sealed class SubmitTaskHandler(
    TaskStore store,
    TaskTransitions transitions,
    TaskWorkerPool workers,
    ISender sender,
    RouteRegistry routes,
    LiteMetrics metrics,
    TaskTraces traces,
    TimeProvider clock,
    ILogger<SubmitTaskHandler> logger) : IRequestHandler<SubmitTaskCommand, SubmitTaskResult>
{
    public async ValueTask<SubmitTaskResult> Handle(SubmitTaskCommand command, CancellationToken cancellationToken)
    {
        var body = command.Body;
        var caller = command.Caller;
        var taskId = body.TaskId ?? command.NewTaskId ?? BluxId.New(BluxId.Task, clock);
        var bodyHash = BluxHash.OfRequestBody(command.Raw);

        // A task_id the client chose may name a task that exists; a fresh one cannot.
        if (body.TaskId is not null && await store.FindAsync(taskId, cancellationToken) is { } existing)
        {
            return await SameRequestAsync(existing, caller, bodyHash, cancellationToken);
        }

        if (workers.Stopping)
        {
            throw BluxException.Unavailable("blux-lite", "Blux is shutting down and takes no new tasks.");
        }

        using var scope = logger.BeginScope(new Dictionary<string, object> { ["task_id"] = taskId, ["Module"] = "lite" });
        BluxActivitySources.TagTask(taskId);
        var now = clock.GetUtcNow();
        var context = new TaskContext(body.Context!.UserId ?? caller.IdentityId, TaskContextValues.Environment(body.Context.Environment)!, body.Context.Sensitivity!);

        // The level was checked by SubmitTaskValidator; from here on it is an AuditLevel.
        var requested = new DoctrineRequirements(
            body.DoctrineRequirements?.RequireReflection ?? false,
            body.DoctrineRequirements?.SandboxExecution ?? false,
            body.DoctrineRequirements?.AuditLevel is { } level ? WireName<AuditLevel>.Parse(level) : AuditLevel.Basic);
        var payload = body.Payload ?? new JsonObject();
        routes.TryGet(body.Type!, out var route);
        route!.Validate(payload);

        var timestamp = body.Timestamp is not null && BluxTime.TryParse(body.Timestamp, out var ts) ? ts : (DateTimeOffset?)null;
        var decision = await sender.Send(
            new ValidateRequest(caller, Scopes.TasksWrite, taskId, body.Type!, context, requested, command.Raw, timestamp),
            cancellationToken);
        var effective = decision.EffectiveRequirements;

        Reflection? reflection = null;
        if (effective.RequireReflection)
        {
            reflection = await sender.Send(
                new Reflect(taskId, body.Type!, context, payload, caller.AuditName, body.DoctrineRequirements?.ReflectionDepth ?? Reflect.Medium),
                cancellationToken);
        }

        var limits = new RouteLimits(decision.Constraints.MaxExecutionTime, decision.Constraints.MaxMemoryMb, decision.Constraints.AllowedDataSources);
        PlannedOutcome outcome;
        using (var routing = TaskTraces.Source.StartActivity("lite route"))
        {
            outcome = TaskOutcomePlanner.Plan(decision, reflection, route, route.Forbids(payload, limits));
            routing?.SetTag("route", outcome.Route).SetTag("task.status", outcome.Status);
        }

        var createAuditId = BluxId.New(outcome.Status == TaskStatuses.Rejected ? BluxId.AuditError : BluxId.Audit, clock);
        var flowEvents = BuildEvents(taskId, body.Type!, context, outcome, reflection, createAuditId, now);
        var eventIds = flowEvents.Select(e => e.EventId).ToArray();
        var audit = new AuditEntry
        {
            AuditId = createAuditId,
            Service = BluxSources.Lite,
            Operation = "task.create",
            Identity = caller.AuditName,
            InputHash = BluxHash.OfCanonical(payload),
            DoctrineFlagsApplied = outcome.Flags,
            RelatedEvents = eventIds,
            Status = outcome.Status == TaskStatuses.Rejected ? AuditStatuses.Denied : AuditStatuses.Success,
            AuditLevel = outcome.Requirements.AuditLevel,
            Data = new JsonObject
            {
                ["task_id"] = taskId,
                ["task_type"] = body.Type,
                ["decision"] = decision.Decision,
                ["doctrine_version"] = decision.DoctrineVersion,
                ["route"] = route!.Name,
                ["risk"] = reflection?.Risk,
                ["task_status"] = outcome.Status,
                ["context"] = BluxJson.ToNode(context),
                ["effective_requirements"] = BluxJson.ToNode(outcome.Requirements),
                ["payload"] = payload.DeepClone(),
            },
        };
        var pending = new PendingTransition
        {
            Action = TaskAction.Create,
            From = TaskStatuses.Accepted,
            To = outcome.Status,
            At = now,
            Audit = audit,
            Events = flowEvents.Select(TaskEventCodec.Encode).ToArray(),
            ErrorCode = outcome.Status == TaskStatuses.Rejected ? ErrorCodes.Forbidden : null,
            ErrorMessage = outcome.Status == TaskStatuses.Rejected ? outcome.Rationale : null,
        };

        var task = new TaskRecord
        {
            TaskId = taskId,
            Type = body.Type!,
            Status = TaskStatuses.Accepted,
            Identity = caller.IdentityId,
            IdentityAudit = caller.AuditName,
            BodyHash = bodyHash,
            ContextJson = BluxJson.Serialize(context),
            PayloadJson = payload.ToJsonString(),
            RequirementsJson = BluxJson.Serialize(outcome.Requirements),
            DecisionJson = BluxJson.Serialize(decision),
            Route = route.Name,
            RouteJson = BluxJson.Serialize(new TaskRoute(route.Name, outcome.Rationale, outcome.Flags)),
            ReflectionJson = reflection is null ? null : BluxJson.Serialize(reflection),
            MaxExecutionMs = (long)decision.Constraints.MaxExecutionTime.TotalMilliseconds,
            CreateAuditId = createAuditId,
            EventIdsJson = BluxJson.Serialize(eventIds),
            AuditTrailJson = "[]",
            CreatedAt = now,
            PendingJson = BluxJson.Serialize(pending),
        };
        TaskLifecycle.EnsureCanMove(task, outcome.Status, TaskAction.Create);
        if (!await store.InsertAsync(task))
        {
            // The row in the way may be one being taken back (its request was refused): then it is gone
            // by now and the insert goes through.
            var raced = await store.FindAsync(taskId, cancellationToken);
            if (raced is not null)
            {
                return await SameRequestAsync(raced, caller, bodyHash, cancellationToken);
            }

            if (!await store.InsertAsync(task))
            {
                throw InProgress(taskId);
            }
        }

        try
        {
            await sender.Send(new AppendAudit(audit), CancellationToken.None);
        }
        catch
        {
            await store.DeleteAsync(task);
            throw;
        }

        // Before the task can reach a worker, so that its run joins this trace.
        traces.Submitted(taskId);
        try
        {
            await transitions.CompleteAsync(task, pending, flowEvents, auditDone: true, onRequest: true);
        }
        catch
        {
            traces.Ended(taskId);
            throw;
        }

        metrics.Submitted(task);

        // The request has its access-log line already; a task queued as asked is detail (Debug), one
        // held for approval or refused is worth an operator's eye.
        logger.Log(
            task.Status == TaskStatuses.Queued ? LogLevel.Debug : LogLevel.Information,
            "Task {TaskId} of type {TaskType} {Status} by {Identity} (audit {AuditId})",
            taskId,
            task.Type,
            task.Status,
            caller.AuditName,
            createAuditId);
        if (outcome.Status == TaskStatuses.Rejected)
        {
            throw BluxException.Forbidden("task_denied", outcome.Rationale, new Dictionary<string, object?>
            {
                ["task_id"] = taskId,
                ["decision"] = ValidationDecision.Deny,
                ["reasons"] = outcome.Reasons,
            }).WithAuditId(createAuditId);
        }

        return new SubmitTaskResult(taskId, outcome.Status, createAuditId, now + TimeSpan.FromMilliseconds(task.MaxExecutionMs), false);
    }

    /// <summary>
    /// The same task_id from its submitter with the same body is a retry; anything else is a replay or
    /// a clash, refused with 409 and audited like Guard's other refusals.
    /// </summary>
    private async ValueTask<SubmitTaskResult> SameRequestAsync(TaskRecord existing, Caller caller, string bodyHash, CancellationToken cancellationToken)
    {
        if (existing.Identity != caller.IdentityId || existing.BodyHash != bodyHash)
        {
            var auditId = await sender.AppendRefusalAsync(
                RefusalAudit.AccessDenied(clock, BluxSources.Lite, caller.AuditName, new JsonObject { ["reason"] = "task_id_reused", ["task_id"] = existing.TaskId }, bodyHash),
                cancellationToken);
            throw BluxException.Conflict("task_id", "task_id_reused", $"Task '{existing.TaskId}' already exists with another body.")
                .WithAuditId(auditId);
        }

        // Not created yet: its task.create record is still being made durable, or it never will be
        // (its request was refused and the row is being taken back). Only its own request may say which.
        if (existing.Status == TaskStatuses.Accepted && existing.Pending?.Action == TaskAction.Create)
        {
            throw InProgress(existing.TaskId);
        }

        return new SubmitTaskResult(existing.TaskId, existing.Status, existing.CreateAuditId, existing.CreatedAt + TimeSpan.FromMilliseconds(existing.MaxExecutionMs), true);
    }

    private static BluxException InProgress(string taskId) =>
        new(ErrorCodes.Conflict, $"Task '{taskId}' is being created; send the same request again in a moment.", new Dictionary<string, object?>
        {
            ["field"] = "task_id",
            ["issue"] = "task_id_in_progress",
            ["task_id"] = taskId,
        });

    private List<BLUXEvent> BuildEvents(string taskId, string taskType, TaskContext context, PlannedOutcome outcome, Reflection? reflection, string auditId, DateTimeOffset now)
    {
        var list = new List<BLUXEvent>
        {
            new TaskStart(EventOrigin.New(clock, BluxSources.Lite, auditId, now), taskId, taskType, context, outcome.Requirements),
        };
        if (reflection is not null)
        {
            list.Add(new ReflectionNote(EventOrigin.New(clock, BluxSources.Ca, auditId), taskId, reflection.Insight, reflection.Confidence, reflection.RelatedAuditIds));
        }

        if (outcome.Status != TaskStatuses.Rejected)
        {
            list.Add(new RouteDecision(EventOrigin.New(clock, BluxSources.Lite, auditId), taskId, outcome.Route, outcome.Rationale, outcome.Flags));
        }

        if (outcome.Status == TaskStatuses.AwaitingApproval)
        {
            list.Add(new ApprovalRequested(EventOrigin.New(clock, BluxSources.Lite, auditId), taskId, outcome.Reasons));
        }

        return list;
    }
}
