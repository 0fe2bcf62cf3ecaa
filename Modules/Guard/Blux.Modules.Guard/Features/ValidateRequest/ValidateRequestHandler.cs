using System.Text.Json.Nodes;
using Blux.Modules.Guard.Audit;
using Blux.Modules.Guard.Contracts;
using Blux.Modules.Guard.Doctrine;
using Blux.SharedKernel;
using Blux.SharedKernel.Errors;
using Blux.SharedKernel.Events;
using Mediator;
using Microsoft.Extensions.Options;

namespace Blux.Modules.Guard.Features.ValidateRequest;

/// <summary>
/// SPEC §5 in order: scope, freshness, doctrine. A refusal is audited before it is answered, so the
/// client's error names a record (<c>aud_err_…</c>) that exists.
/// </summary>
internal sealed class ValidateRequestHandler(ActiveDoctrine doctrine, AuditWriter audit, TimeProvider clock, IOptions<GuardOptions> options)
    : IRequestHandler<Contracts.ValidateRequest, ValidationDecision>
{
    public async ValueTask<ValidationDecision> Handle(Contracts.ValidateRequest request, CancellationToken cancellationToken)
    {
        if (!request.Caller.HasScope(request.RequiredScope))
        {
            var auditId = await AuditRefusalAsync(request, "access.denied", "missing_scope", cancellationToken);
            throw BluxException.Forbidden("missing_scope", $"The token does not carry the scope {request.RequiredScope}.",
                new Dictionary<string, object?> { ["field"] = "scope", ["required_scope"] = request.RequiredScope }).WithAuditId(auditId);
        }

        if (request.Timestamp is { } timestamp)
        {
            var skew = (clock.GetUtcNow() - timestamp).Duration();
            if (skew > options.Value.FreshnessWindow)
            {
                var auditId = await AuditRefusalAsync(request, "access.denied", "expired_timestamp", cancellationToken);
                throw BluxException.Validation("timestamp", "expired_timestamp", "The request timestamp is outside the allowed window.",
                    new Dictionary<string, object?>
                    {
                        ["expected_format"] = "RFC 3339 UTC within ±300 s of the server clock",
                    }).WithAuditId(auditId);
            }
        }

        var current = doctrine.Current;
        var evaluation = DoctrineEvaluator.Evaluate(current, request.Caller.Roles, request.TaskType, request.Context, request.Requested);
        return new ValidationDecision(
            evaluation.Decision,
            evaluation.Reasons,
            evaluation.DoctrineFlags,
            evaluation.Requirements,
            evaluation.Constraints,
            current.Document.DoctrineVersion,
            current.Digest,
            BluxId.New(BluxId.Decision, clock));
    }

    private async ValueTask<string?> AuditRefusalAsync(Contracts.ValidateRequest request, string operation, string reason, CancellationToken cancellationToken)
    {
        if (request.DryRun)
        {
            return null;
        }

        var receipt = await audit.AppendAsync(
            new AuditEntry
            {
                AuditId = BluxId.New(BluxId.AuditError, clock),
                Service = BluxSources.Guard,
                Operation = operation,
                Identity = request.Caller.AuditName,
                Status = AuditStatuses.Denied,
                Data = new JsonObject { ["reason"] = reason, ["task_id"] = request.TaskId, ["task_type"] = request.TaskType },
            },
            cancellationToken);
        return receipt.AuditId;
    }
}
