using Blux.Modules.Guard.Contracts;
using Blux.Modules.Guard.Data;
using Blux.Modules.Guard.Domain;
using Blux.Modules.Reg.Contracts;
using Blux.SharedKernel;
using Blux.SharedKernel.Errors;
using Blux.SharedKernel.Events;
using Mediator;

namespace Blux.Modules.Guard.Features.Events;

/// <summary>
/// Signs a group of events with the host key and appends them in one transaction. Events carry ids,
/// decisions and hashes, never request payloads, so there is nothing in them to redact.
/// </summary>
internal sealed class AppendEventsHandler(GuardDbContext db, ISender sender) : IRequestHandler<AppendEvents, IReadOnlyList<BLUXEvent>>
{
    public async ValueTask<IReadOnlyList<BLUXEvent>> Handle(AppendEvents request, CancellationToken cancellationToken)
    {
        var signatures = await sender.Send(new SignEvents(request.Events.Select(e => e.SigningBytes()).ToArray()), cancellationToken);
        var signed = request.Events.Select((e, i) => e with { Signature = signatures[i] }).ToArray();
        foreach (var evt in signed)
        {
            db.Events.Add(new EventLogRow
            {
                EventId = evt.EventId,
                TaskId = evt.TaskReference(),
                EventType = evt.EventType,
                AuditId = evt.AuditId,
                Timestamp = BluxTime.ToText(evt.Timestamp),
                Json = evt.ToJson().ToJsonString(),
            });
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Microsoft.EntityFrameworkCore.DbUpdateException)
        {
            throw BluxException.Unavailable("event_log", "The events could not be made durable.");
        }

        return signed;
    }
}
