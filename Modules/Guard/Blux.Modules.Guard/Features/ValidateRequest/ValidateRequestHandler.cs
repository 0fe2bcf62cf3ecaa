using System.Text.Json.Nodes;
using Blux.Modules.Guard.Audit;
using Blux.Modules.Guard.Contracts;
using Blux.Modules.Guard.Doctrine;
using Blux.Modules.Guard.Requests;
using Blux.Modules.Reg.Contracts;
using Blux.SharedKernel;
using Blux.SharedKernel.Crypto;
using Blux.SharedKernel.Errors;
using Blux.SharedKernel.Events;
using Mediator;
using Microsoft.Extensions.Options;

namespace Blux.Modules.Guard.Features.ValidateRequest;

/// <summary>
/// docs/contract.md#request-validation in order: scope → request signature where required → freshness → replay → doctrine.
/// A refusal is audited before it is answered, so the client's error names a record
/// (<c>aud_err_…</c>) that exists. A dry run decides the same way, remembering and auditing nothing.
/// </summary>
internal sealed class ValidateRequestHandler(
    ActiveDoctrine doctrine,
    AuditWriter audit,
    ReplayGuard replays,
    ISender sender,
    TimeProvider clock,
    IOptions<GuardOptions> options) : IRequestHandler<Contracts.ValidateRequest, ValidationDecision>
{
    private const string SignatureFormatText = "ES512 (low-S) over the RFC 8785 form of the request without signature, with kid and a timestamp within ±300 s";

    public async ValueTask<ValidationDecision> Handle(Contracts.ValidateRequest request, CancellationToken cancellationToken)
    {
        if (!request.Caller.HasScope(request.RequiredScope))
        {
            throw await RefuseAsync(request, RefusalAudit.AccessDeniedOperation, BluxException.Forbidden("missing_scope", $"The token does not carry the scope {request.RequiredScope}.",
                new Dictionary<string, object?> { ["field"] = "scope", ["required_scope"] = request.RequiredScope }), cancellationToken);
        }

        var current = doctrine.Current;
        var evaluation = DoctrineEvaluator.Evaluate(current, request.Caller.Roles, request.TaskType, request.Context, request.Requested, options.Value.Environment);
        var flags = evaluation.DoctrineFlags.ToList();

        var signature = request.Request["signature"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
        // A dry run reports a required signature in its flags rather than refusing the question.
        if (signature is not null || (evaluation.SignatureRequired && !request.DryRun))
        {
            await CheckSignatureAsync(request, signature, cancellationToken);
            flags.Add("signature_verified");
        }

        if (request.Timestamp is { } timestamp)
        {
            var skew = clock.GetUtcNow() - timestamp;
            if (skew.Duration() > options.Value.FreshnessWindow)
            {
                throw await RefuseAsync(request, RefusalAudit.AccessDeniedOperation, Invalid(
                    signature is null ? "timestamp" : "signature",
                    skew > TimeSpan.Zero ? "expired_timestamp" : "future_timestamp",
                    "The request timestamp is outside the allowed window of ±300 s."), cancellationToken);
            }
        }

        // Only a task_id the client chose can be sent twice; one Blux has just made cannot.
        if (!request.DryRun
            && request.Request.ContainsKey("task_id")
            && !replays.TryRemember(request.Caller.IdentityId, request.TaskId, BluxHash.OfRequestBody(request.Request)))
        {
            throw await RefuseAsync(request, RefusalAudit.AccessDeniedOperation,
                BluxException.Conflict("task_id", "replayed_task_id", $"task_id '{request.TaskId}' was already sent with another body."), cancellationToken);
        }

        return new ValidationDecision(
            evaluation.Decision,
            evaluation.Reasons,
            flags,
            evaluation.Requirements,
            evaluation.Constraints,
            current.Document.DoctrineVersion,
            current.Digest,
            BluxId.New(BluxId.Decision, clock));
    }

    private async ValueTask CheckSignatureAsync(Contracts.ValidateRequest request, string? signature, CancellationToken cancellationToken)
    {
        if (signature is null)
        {
            throw await RefuseAsync(request, "signature.invalid", Invalid("signature", "missing_signature", "This request must be signed."), cancellationToken);
        }

        if (request.Request["kid"] is not JsonValue kidValue || !kidValue.TryGetValue<string>(out var kid) || kid.Length == 0)
        {
            throw await RefuseAsync(request, "signature.invalid", Invalid("kid", "missing_field", "A signed request names its key in kid."), cancellationToken);
        }

        if (request.Timestamp is null)
        {
            throw await RefuseAsync(request, "signature.invalid", Invalid("timestamp", "missing_field", "A signed request carries its timestamp."), cancellationToken);
        }

        // The signature then stands for one task: sent again, it finds that task instead of making
        // another, for as long as the task is stored (ADR 0017).
        if (!request.Request.ContainsKey("task_id"))
        {
            throw await RefuseAsync(request, "signature.invalid",
                Invalid("task_id", "missing_field", "A signed request carries the task_id it is for, so that it cannot be sent again as a new task."), cancellationToken);
        }

        var key = await sender.Send(new GetRequestSigningKey(request.Caller.IdentityId, kid), cancellationToken);
        if (key is null)
        {
            throw await RefuseAsync(request, "signature.invalid", Invalid("kid", "unknown_key", $"No request-signing key '{kid}' is registered for this identity."), cancellationToken);
        }

        switch (RequestSignatureVerifier.Verify(request.Request, signature, key))
        {
            case Es512Check.Invalid:
                throw await RefuseAsync(request, "signature.invalid", Invalid("signature", "invalid_signature", "The request signature does not verify."), cancellationToken);
            case Es512Check.HighS:
                // The twin (r, n - s) of a signature verifies too; only one of the two is accepted, so a
                // signed request cannot be sent again under a signature no one made.
                throw await RefuseAsync(request, "signature.invalid",
                    Invalid("signature", "high_s_signature", "The signature is in high-S form; sign in low-S form (s <= n/2, or replace s by n - s)."), cancellationToken);
        }
    }

    private static BluxException Invalid(string field, string issue, string message) =>
        BluxException.Validation(field, issue, message, new Dictionary<string, object?> { ["expected_format"] = SignatureFormatText });

    private async ValueTask<BluxException> RefuseAsync(Contracts.ValidateRequest request, string operation, BluxException refusal, CancellationToken cancellationToken)
    {
        if (request.DryRun)
        {
            return refusal;
        }

        var receipt = await audit.AppendAsync(
            RefusalAudit.Denied(clock, BluxSources.Guard, operation, request.Caller.AuditName, new JsonObject
            {
                ["reason"] = refusal.Details.TryGetValue("issue", out var issue) ? issue?.ToString() : refusal.Code,
                ["field"] = refusal.Details.TryGetValue("field", out var field) ? field?.ToString() : null,
                ["task_id"] = request.TaskId,
                ["task_type"] = request.TaskType,
            }, BluxHash.OfRequestBody(request.Request)),
            cancellationToken);
        return refusal.WithAuditId(receipt.AuditId);
    }
}
