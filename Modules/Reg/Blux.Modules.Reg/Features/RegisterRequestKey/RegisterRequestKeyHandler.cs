using System.Text.Json.Nodes;
using Blux.Modules.Reg.Audit;
using Blux.Modules.Reg.Data;
using Blux.Modules.Reg.Domain;
using Blux.Modules.Reg.Security;
using Blux.SharedKernel;
using Blux.SharedKernel.Errors;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Blux.Modules.Reg.Features.RegisterRequestKey;

/// <summary>
/// Registers an identity's request-signing public key under the JWK's own <c>kid</c>, or its RFC 7638
/// thumbprint. Stored, then audited (<c>identity.key_add</c>); removed again if the audit cannot be written.
/// </summary>
internal sealed class RegisterRequestKeyHandler(RegDbContext db, RegAuditTrail audit, TimeProvider clock)
    : IRequestHandler<RegisterRequestKeyCommand, RegisteredKey>
{
    public async ValueTask<RegisteredKey> Handle(RegisterRequestKeyCommand command, CancellationToken cancellationToken)
    {
        var identity = await db.Identities.AsNoTracking().FirstOrDefaultAsync(i => i.Id == command.IdentityId, cancellationToken)
            ?? throw BluxException.NotFound("identity", command.IdentityId);
        if (identity.Status != IdentityStatus.Active)
        {
            throw BluxException.Conflict("id", "identity_disabled", $"Identity '{identity.Id}' is disabled; it cannot register keys.");
        }

        var jwk = PublicJwk.Parse(command.Jwk);
        if (await db.RequestSigningKeys.AnyAsync(k => k.IdentityId == identity.Id && k.Kid == jwk.Kid, cancellationToken))
        {
            throw KidExists(jwk.Kid);
        }

        db.RequestSigningKeys.Add(new RequestSigningKey(identity.Id, jwk.Kid, jwk.X, jwk.Y, CreatedAt: BluxTime.Truncate(clock.GetUtcNow())));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            throw KidExists(jwk.Kid);
        }

        try
        {
            var auditId = await audit.RecordAsync(
                "identity.key_add",
                command.Caller.AuditName,
                new JsonObject { ["identity_id"] = identity.Id, ["kid"] = jwk.Kid },
                CancellationToken.None);
            return new RegisteredKey(jwk.Kid, auditId);
        }
        catch
        {
            await db.RequestSigningKeys.Where(k => k.IdentityId == identity.Id && k.Kid == jwk.Kid).ExecuteDeleteAsync(CancellationToken.None);
            throw;
        }
    }

    private static BluxException KidExists(string kid) =>
        BluxException.Conflict("jwk.kid", "kid_exists", $"The identity already has a key with kid '{kid}'.");
}
