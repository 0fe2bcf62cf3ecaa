using Blux.Modules.Guard.Contracts;
using Blux.SharedKernel.Api;
using Blux.SharedKernel;
using Blux.SharedKernel.Errors;
using Blux.SharedKernel.Events;
using Blux.SharedKernel.Identity;
using Blux.SharedKernel.Json;
using Blux.SharedKernel.Vocabulary;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Blux.Modules.Guard.Features.DryRunValidate;

internal static class DryRunValidateEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/v1/validate", async (HttpContext http, ISender sender, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var (raw, body) = await JsonBody.ReadAsync<DryRunRequestBody>(http.Request.Body, cancellationToken);
                var caller = Caller.Require(http.User);
                if (string.IsNullOrEmpty(body.Type))
                {
                    throw BluxException.Validation("type", "missing_field", "type is required.");
                }

                var environment = TaskContextValues.Environment(body.Context?.Environment)
                    ?? throw BluxException.Validation("context.environment", "unknown_value", TaskContextValues.EnvironmentRule);
                if (body.Context?.Sensitivity is not { } sensitivity || !TaskContextValues.IsSensitivity(sensitivity))
                {
                    throw BluxException.Validation("context.sensitivity", "unknown_value", TaskContextValues.SensitivityRule);
                }

                var auditLevel = AuditLevel.Basic;
                if (body.DoctrineRequirements?.AuditLevel is { } level && !WireName<AuditLevel>.TryParse(level, out auditLevel))
                {
                    throw BluxException.Validation("doctrine_requirements.audit_level", "unknown_value", $"audit_level must be {WireName<AuditLevel>.Listed}.");
                }

                DateTimeOffset? timestamp = null;
                if (body.Timestamp is not null)
                {
                    timestamp = BluxTime.TryParse(body.Timestamp, out var parsed)
                        ? parsed
                        : throw BluxException.Validation("timestamp", "invalid_format", "timestamp must be an RFC 3339 date-time.");
                }

                var decision = await sender.Send(
                    new Contracts.ValidateRequest(
                        caller,
                        Scopes.TasksWrite,
                        body.TaskId ?? BluxId.New(BluxId.Task, clock),
                        body.Type,
                        new TaskContext(body.Context.UserId ?? caller.IdentityId, environment, sensitivity),
                        new DoctrineRequirements(body.DoctrineRequirements?.RequireReflection ?? false, body.DoctrineRequirements?.SandboxExecution ?? false, auditLevel),
                        raw,
                        timestamp,
                        DryRun: true),
                    cancellationToken);
                return Results.Ok(new DryRunDecision(
                    decision.Decision,
                    decision.Reasons,
                    decision.DoctrineFlags,
                    decision.EffectiveRequirements,
                    new DryRunConstraints(decision.Constraints.MaxExecutionTime.TotalSeconds, decision.Constraints.MaxMemoryMb, decision.Constraints.AllowedDataSources),
                    decision.DoctrineVersion,
                    decision.DoctrineDigest,
                    decision.DecisionId));
            })
            .Accepts<DryRunRequestBody>("application/json")
            .Produces<DryRunDecision>()
            .Operation(Scopes.TasksWrite, "Guard", "validation_dry_run", "Validate a task request (dry run)",
                "The decision Guard would make on a task request now (allow, deny, require_approval) with its reasons, flags, requirements and constraints; nothing is executed.");
}
