using Blux.Modules.Guard.Contracts;
using Blux.Modules.Reg.Data;
using Blux.Modules.Reg.Domain;
using Blux.Modules.Reg.Security;
using Blux.SharedKernel;
using Blux.SharedKernel.Errors;
using Blux.SharedKernel.Events;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Blux.Modules.Reg.Features.IssueToken;

internal sealed class IssueTokenHandler(RegDbContext db, TokenService tokens, SecretLockout lockout, RegMetrics metrics, ISender sender, TimeProvider clock)
    : IRequestHandler<IssueTokenCommand, IssueTokenResponse>
{
    private static readonly byte[] DecoySalt = new byte[16];
    private static readonly byte[] DecoyHash = new byte[32];

    public async ValueTask<IssueTokenResponse> Handle(IssueTokenCommand command, CancellationToken cancellationToken)
    {
        if (lockout.LockedFor(command.ClientId!) is { } remaining)
        {
            throw LockedOut(remaining);
        }

        var identity = await db.Identities.AsNoTracking().FirstOrDefaultAsync(i => i.Id == command.ClientId, cancellationToken);

        // The comparison runs even for an unknown client, so timing does not tell which ids exist.
        var secretMatches = SecretHasher.Matches(command.ClientSecret!, identity?.SecretSalt ?? DecoySalt, identity?.SecretHash ?? DecoyHash);
        if (identity is null || !secretMatches || identity.Status != IdentityStatus.Active)
        {
            var reason = identity is null ? "unknown_client" : !secretMatches ? "bad_secret" : "identity_disabled";
            var auditId = await AuditFailureAsync(command.ClientId!, reason, cancellationToken);
            if (!secretMatches && lockout.Failed(command.ClientId!) is { } started)
            {
                metrics.LockedOut();
                await AuditLockoutAsync(command.ClientId!, started, cancellationToken);
            }

            throw BluxException.Unauthorized("invalid_client", "Client authentication failed.", "client_secret").WithAuditId(auditId);
        }

        lockout.Succeeded(identity.Id);
        var granted = await sender.Send(new GetRoleScopes(identity.Roles), cancellationToken);
        var scopes = granted;
        if (!string.IsNullOrWhiteSpace(command.Scope))
        {
            var requested = command.Scope.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToArray();
            var missing = requested.Except(granted, StringComparer.Ordinal).ToArray();
            if (missing.Length > 0)
            {
                throw BluxException.Validation("scope", "scope_not_granted", "The identity's roles do not grant every requested scope.",
                    new Dictionary<string, object?> { ["not_granted"] = missing });
            }

            scopes = requested;
        }

        var issued = tokens.Issue(identity.Id, identity.Kind, identity.Roles, scopes);
        return new IssueTokenResponse(issued.AccessToken, "Bearer", issued.ExpiresIn, string.Join(' ', issued.Scopes));
    }

    private BluxException LockedOut(TimeSpan remaining) =>
        new(ErrorCodes.RateLimitExceeded, "Too many wrong secrets for this client; no secret is checked until the lockout ends.", new Dictionary<string, object?>
        {
            ["field"] = "client_id",
            ["issue"] = "locked_out",
            ["limit"] = lockout.FreeFailures,
            ["reset_in"] = Math.Max(1, (long)Math.Ceiling(remaining.TotalSeconds)),
        });

    private async ValueTask AuditLockoutAsync(string clientId, SecretLockout.Lockout started, CancellationToken cancellationToken) =>
        await sender.AppendRefusalAsync(
            RefusalAudit.Denied(clock, BluxSources.Reg, "auth.lockout", "client:" + clientId, new System.Text.Json.Nodes.JsonObject
            {
                ["failures"] = started.Failures,
                ["lockout_seconds"] = started.Duration.TotalSeconds,
                ["locked_until"] = BluxTime.ToText(started.Until),
            }),
            cancellationToken);

    private ValueTask<string> AuditFailureAsync(string clientId, string reason, CancellationToken cancellationToken) =>
        new(sender.AppendRefusalAsync(
            RefusalAudit.AuthFailed(clock, BluxSources.Reg, "client:" + clientId, new System.Text.Json.Nodes.JsonObject { ["reason"] = reason, ["endpoint"] = "token" }),
            cancellationToken));
}
