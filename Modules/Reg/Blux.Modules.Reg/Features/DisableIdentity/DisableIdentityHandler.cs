using System.Text.Json.Nodes;
using Blux.Modules.Reg.Audit;
using Blux.Modules.Reg.Data;
using Blux.Modules.Reg.Domain;
using Blux.Modules.Reg.Security;
using Blux.SharedKernel.Errors;
using Blux.SharedKernel.Vocabulary;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Blux.Modules.Reg.Features.DisableIdentity;

/// <summary>
/// Disables an identity: stored, then in force at once (the directory says so and every remembered
/// token is forgotten, so the next request of any of its tokens is refused), then audited
/// (<c>identity.disable</c>). The change is not undone if the audit cannot be written: a disable
/// exists to cut access, and keeping it is the safe side. Disabling an already disabled identity is
/// answered the same and audited again, so a retry after a 503 leaves a record.
/// </summary>
internal sealed class DisableIdentityHandler(RegDbContext db, IdentityDirectory directory, TokenService tokens, RegAuditTrail audit)
    : IRequestHandler<DisableIdentityCommand, DisabledIdentity>
{
    public async ValueTask<DisabledIdentity> Handle(DisableIdentityCommand command, CancellationToken cancellationToken)
    {
        if (string.Equals(command.Id, command.Caller.IdentityId, StringComparison.Ordinal))
        {
            throw BluxException.Conflict("id", "cannot_disable_self", "An identity cannot disable itself; ask another administrator.");
        }

        var identity = await db.Identities.FirstOrDefaultAsync(i => i.Id == command.Id, cancellationToken)
            ?? throw BluxException.NotFound("identity", command.Id);
        var previous = WireName<IdentityStatus>.Of(identity.Status);
        identity.Status = IdentityStatus.Disabled;
        await db.SaveChangesAsync(cancellationToken);

        directory.Set(identity.Id, identity.Kind, identity.Status);
        tokens.ForgetAll();

        var auditId = await audit.RecordAsync(
            "identity.disable",
            command.Caller.AuditName,
            new JsonObject { ["identity_id"] = identity.Id, ["previous_status"] = previous },
            CancellationToken.None);
        return new DisabledIdentity(identity.Id, WireName<IdentityStatus>.Of(identity.Status), previous, auditId);
    }
}
