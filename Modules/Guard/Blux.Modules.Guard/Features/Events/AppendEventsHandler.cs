using Blux.Modules.Guard.Contracts;
using Blux.Modules.Guard.Audit;
using Blux.Modules.Guard.Domain;
using Blux.Modules.Reg.Contracts;
using Blux.SharedKernel;
using Blux.SharedKernel.Events;
using Mediator;

namespace Blux.Modules.Guard.Features.Events;

/// <summary>
/// Signs a group of events with the host key and appends them together (group-committed with other
/// callers' events). Events carry ids, decisions and hashes, never request payloads, so there is
/// nothing in them to redact.
/// </summary>
internal sealed class AppendEventsHandler(EventLogWriter writer, ISender sender) : IRequestHandler<AppendEvents, IReadOnlyList<BLUXEvent>>
{
    public async ValueTask<IReadOnlyList<BLUXEvent>> Handle(AppendEvents request, CancellationToken cancellationToken)
    {
        var signatures = await sender.Send(new SignEvents(request.Events.Select(e => e.SigningBytes()).ToArray()), cancellationToken);
        var signed = request.Events.Select((e, i) => e with { Signature = signatures[i] }).ToArray();
        var rows = signed.Select(evt => new EventLogRow
        {
            EventId = evt.EventId,
            TaskId = evt.TaskReference(),
            EventType = evt.EventType,
            AuditId = evt.AuditId,
            Timestamp = BluxTime.ToText(evt.Timestamp),
            Json = evt.ToJson().ToJsonString(),
        }).ToArray();
        await writer.AppendAsync(rows, cancellationToken);
        return signed;
    }
}
