using System.Text.Json.Nodes;
using Blux.Modules.Guard.Contracts;
using Blux.Modules.Reg.Audit;
using Blux.Modules.Reg.Data;
using Blux.Modules.Reg.Domain;
using Blux.Modules.Reg.Security;
using Blux.SharedKernel;
using Blux.SharedKernel.Errors;
using Blux.SharedKernel.Vocabulary;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Blux.Modules.Reg.Features.CreateIdentity;

/// <summary>
/// Creates an identity with roles the doctrine defines and a secret Blux generates. The record is
/// stored, then audited (<c>identity.create</c>); if the audit cannot be written the identity is
/// removed again, so nothing exists that the trail does not show.
/// </summary>
internal sealed class CreateIdentityHandler(RegDbContext db, IdentityDirectory directory, RegAuditTrail audit, ISender sender, TimeProvider clock)
    : IRequestHandler<CreateIdentityCommand, CreatedIdentity>
{
    public async ValueTask<CreatedIdentity> Handle(CreateIdentityCommand command, CancellationToken cancellationToken)
    {
        var roles = command.Roles!.Select(r => r!).Distinct(StringComparer.Ordinal).ToList();
        var known = await sender.Send(new GetDoctrineRoles(), cancellationToken);
        var unknown = roles.Except(known, StringComparer.Ordinal).ToArray();
        if (unknown.Length > 0)
        {
            throw BluxException.Validation("roles", "unknown_role", $"The doctrine in force defines no role '{unknown[0]}'.",
                new Dictionary<string, object?> { ["unknown_roles"] = unknown, ["known_roles"] = known });
        }

        var kind = WireName<IdentityKind>.Parse(command.Kind!);
        var id = command.Id ?? BluxId.New(kind == IdentityKind.Service ? "svc" : "user", clock);
        if (await db.Identities.AnyAsync(i => i.Id == id, cancellationToken))
        {
            throw AlreadyExists(id);
        }

        var secret = SecretHasher.NewSecret();
        var (salt, hash) = SecretHasher.Hash(secret);
        var identity = new RegisteredIdentity
        {
            Id = id,
            Kind = kind,
            DisplayName = command.DisplayName!,
            Roles = roles,
            Status = IdentityStatus.Active,
            CreatedAt = BluxTime.Truncate(clock.GetUtcNow()),
            SecretSalt = salt,
            SecretHash = hash,
        };
        db.Identities.Add(identity);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            throw AlreadyExists(id);
        }

        string auditId;
        try
        {
            auditId = await audit.RecordAsync(
                "identity.create",
                command.Caller.AuditName,
                new JsonObject { ["identity_id"] = id, ["kind"] = WireName<IdentityKind>.Of(kind), ["roles"] = new JsonArray(roles.Select(r => (JsonNode)r).ToArray()) },
                CancellationToken.None);
        }
        catch
        {
            await db.Identities.Where(i => i.Id == id).ExecuteDeleteAsync(CancellationToken.None);
            throw;
        }

        directory.Set(identity.Id, identity.Kind, identity.Status);
        return new CreatedIdentity(id, WireName<IdentityKind>.Of(kind), identity.DisplayName, roles, WireName<IdentityStatus>.Of(identity.Status), identity.CreatedAt, [], secret, auditId);
    }

    private static BluxException AlreadyExists(string id) => BluxException.Conflict("id", "already_exists", $"An identity '{id}' already exists.");
}
