using System.Text.Json.Nodes;
using Blux.Modules.Reg.Audit;
using Blux.Modules.Reg.Data;
using Blux.Modules.Reg.Security;
using Blux.SharedKernel.Errors;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Blux.Modules.Reg.Features.ResetIdentitySecret;

/// <summary>
/// Replaces an identity's client secret. The new hash is stored, then audited (<c>identity.secret</c>);
/// if the audit cannot be written the old hash is put back and the new secret is never shown. Tokens
/// already issued keep working until they expire: a secret proves who may ask for a token, and
/// cutting live tokens is what disabling is for.
/// </summary>
internal sealed class ResetIdentitySecretHandler(RegDbContext db, RegAuditTrail audit) : IRequestHandler<ResetIdentitySecretCommand, NewSecret>
{
    public async ValueTask<NewSecret> Handle(ResetIdentitySecretCommand command, CancellationToken cancellationToken)
    {
        var identity = await db.Identities.FirstOrDefaultAsync(i => i.Id == command.Id, cancellationToken)
            ?? throw BluxException.NotFound("identity", command.Id);
        var (oldSalt, oldHash) = (identity.SecretSalt, identity.SecretHash);
        var secret = SecretHasher.NewSecret();
        (identity.SecretSalt, identity.SecretHash) = SecretHasher.Hash(secret);
        await db.SaveChangesAsync(cancellationToken);

        try
        {
            var auditId = await audit.RecordAsync("identity.secret", command.Caller.AuditName, new JsonObject { ["identity_id"] = identity.Id }, CancellationToken.None);
            return new NewSecret(identity.Id, secret, auditId);
        }
        catch
        {
            (identity.SecretSalt, identity.SecretHash) = (oldSalt, oldHash);
            await db.SaveChangesAsync(CancellationToken.None);
            throw;
        }
    }
}
