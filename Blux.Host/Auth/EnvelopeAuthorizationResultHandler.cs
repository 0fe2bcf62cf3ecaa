using System.Text.Json.Nodes;
using Blux.Host.Errors;
using Blux.Modules.Guard.Contracts;
using Blux.SharedKernel.Errors;
using Blux.SharedKernel.Events;
using Blux.SharedKernel.Identity;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Blux.Host.Auth;

/// <summary>
/// Answers 401 and 403 in the envelope, each audited first (<c>auth.failed</c>, <c>access.denied</c>)
/// so the <c>aud_err_…</c> id the client sees names a durable record.
/// </summary>
internal sealed class EnvelopeAuthorizationResultHandler(TimeProvider clock) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Challenged)
        {
            var reason = context.Items[BluxBearerHandler.FailureReasonKey] as string ?? "missing_token";
            var auditId = await AuditRefusalAsync(context, RefusalAudit.AuthFailed(clock, BluxSources.Guard, "anonymous", RefusalData(context, reason, null)));
            context.Response.Headers.WWWAuthenticate = reason == "missing_token" ? "Bearer" : $"Bearer error=\"invalid_token\", error_description=\"{reason}\"";
            await ErrorEnvelopeWriter.WriteAsync(context, BluxException.Unauthorized(reason, reason == "missing_token"
                ? "A bearer token is required."
                : "The bearer token was refused.").WithAuditId(auditId));
            return;
        }

        if (authorizeResult.Forbidden)
        {
            var required = authorizeResult.AuthorizationFailure?.FailedRequirements
                .OfType<ClaimsAuthorizationRequirement>()
                .SelectMany(r => r.AllowedValues ?? [])
                .ToArray() ?? [];
            var caller = Caller.FromPrincipal(context.User);
            var auditId = await AuditRefusalAsync(context, RefusalAudit.AccessDenied(clock, BluxSources.Guard, caller?.AuditName ?? "anonymous", RefusalData(context, "missing_scope", required)));
            await ErrorEnvelopeWriter.WriteAsync(context, BluxException.Forbidden(
                "missing_scope",
                "The token does not carry the scope this endpoint requires.",
                new Dictionary<string, object?> { ["field"] = "scope", ["required_scope"] = required.Length == 1 ? required[0] : required }).WithAuditId(auditId));
            return;
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }

    /// <summary>What a refusal at the door records: why, and the request it refused. Commander's antiforgery check refuses the same way.</summary>
    internal static JsonObject RefusalData(HttpContext context, string reason, string[]? requiredScopes)
    {
        var data = new JsonObject
        {
            ["reason"] = reason,
            ["method"] = context.Request.Method,
            ["path"] = context.Request.Path.Value,
        };
        if (requiredScopes is not null)
        {
            data["required_scopes"] = new JsonArray(requiredScopes.Select(s => (JsonNode)s).ToArray());
        }

        return data;
    }

    internal static Task<string> AuditRefusalAsync(HttpContext context, AuditEntry refusal) =>
        context.RequestServices.GetRequiredService<ISender>().AppendRefusalAsync(refusal, context.RequestAborted);
}
