using System.Text.Json.Nodes;
using Blux.Modules.Guard.Audit;
using Blux.Modules.Guard.Contracts;
using Blux.Modules.Guard.Data;
using Blux.Modules.Guard.Doctrine;
using Blux.Modules.Guard.Domain;
using Blux.SharedKernel;
using Blux.SharedKernel.Errors;
using Blux.SharedKernel.Events;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Blux.Modules.Guard.Features.UpdatePolicies;

/// <summary>
/// Puts a new doctrine in force without a restart: checked, strictly newer, stored, audited
/// (<c>doctrine.update</c>), swapped in, then announced with <c>PolicyChanged</c>. Any refusal
/// leaves the doctrine in force untouched.
/// </summary>
internal sealed class UpdatePoliciesHandler(GuardDbContext db, ActiveDoctrine doctrine, AuditWriter audit, IEventBus events, TimeProvider clock)
    : IRequestHandler<UpdatePoliciesCommand, JsonObject>
{
    // Doctrine changes are rare; one at a time keeps "strictly newer" true without a race.
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    public async ValueTask<JsonObject> Handle(UpdatePoliciesCommand command, CancellationToken cancellationToken)
    {
        var proposed = DoctrineReader.Read(command.Doctrine);
        await OneAtATime.WaitAsync(cancellationToken);
        try
        {
            var current = doctrine.Current;
            if (proposed.Document.DoctrineVersion <= current.Document.DoctrineVersion)
            {
                throw BluxException.Conflict("doctrine_version", "not_monotonic",
                    $"doctrine_version must be greater than {current.Document.DoctrineVersion}, the version in force.");
            }

            var revision = new DoctrineRevision(
                proposed.Document.DoctrineVersion, proposed.Json, proposed.Digest, AppliedAt: clock.GetUtcNow(), AppliedBy: command.Caller.AuditName);
            db.Doctrines.Add(revision);
            await db.SaveChangesAsync(cancellationToken);

            var auditId = BluxId.New(BluxId.Audit, clock);
            try
            {
                await audit.AppendAsync(
                    new AuditEntry
                    {
                        AuditId = auditId,
                        Service = BluxSources.Guard,
                        Operation = "doctrine.update",
                        Identity = command.Caller.AuditName,
                        InputHash = current.Digest,
                        OutputHash = proposed.Digest,
                        Status = AuditStatuses.Success,
                        Data = new JsonObject
                        {
                            ["previous_version"] = current.Document.DoctrineVersion,
                            ["doctrine_version"] = proposed.Document.DoctrineVersion,
                        },
                    },
                    CancellationToken.None);
            }
            catch
            {
                await db.Doctrines.Where(d => d.DoctrineVersion == revision.DoctrineVersion).ExecuteDeleteAsync(CancellationToken.None);
                throw;
            }

            doctrine.Set(proposed);
            await events.PublishAsync(
                [new PolicyChanged(EventOrigin.New(clock, BluxSources.Guard, auditId), proposed.Document.DoctrineVersion, proposed.Digest)],
                CancellationToken.None);
            return DoctrineReader.ToResponse(proposed);
        }
        finally
        {
            OneAtATime.Release();
        }
    }
}
