using System.Text.Json.Nodes;
using Blux.Modules.Guard.Contracts;
using Blux.Modules.Guard.Audit;
using Blux.Modules.Guard.Domain;
using Blux.Modules.Reg.Contracts;
using Blux.SharedKernel;
using Blux.SharedKernel.Events;
using Blux.SharedKernel.Json;
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
        // Each event is turned into JSON once: its canonical form without the signature is what is
        // signed, and the same object with the signature put back is what is kept.
        var unsigned = request.Events.Select(Unsigned).ToArray();
        var signatures = await sender.Send(new SignEvents(unsigned.Select(u => u.SigningBytes).ToArray()), cancellationToken);
        var signed = new BLUXEvent[unsigned.Length];
        var rows = new EventLogRow[unsigned.Length];
        for (var i = 0; i < unsigned.Length; i++)
        {
            var evt = request.Events[i] with { Signature = signatures[i] };
            signed[i] = evt;
            rows[i] = new EventLogRow(
                evt.EventId, evt.TaskReference(), evt.EventType, evt.AuditId, BluxTime.ToText(evt.Timestamp), Json: Signed(unsigned[i], signatures[i]));
        }

        await writer.AppendAsync(rows, cancellationToken);
        return signed;
    }

    /// <summary>
    /// The event's JSON form without <c>signature</c>, and its signing bytes (the same as
    /// <see cref="BLUXEvent.SigningBytes"/>, from one serialization instead of two).
    /// </summary>
    internal static UnsignedEvent Unsigned(BLUXEvent evt)
    {
        var form = evt.ToJson();
        var at = form.IndexOf("signature");
        if (at < 0)
        {
            at = form.Count;
        }
        else
        {
            form.RemoveAt(at);
        }

        return new UnsignedEvent(form, CanonicalJson.ToUtf8Bytes(form), at);
    }

    /// <summary>The stored JSON: the form with the signature back where <see cref="BLUXEvent.ToJson"/> puts it.</summary>
    internal static string Signed(UnsignedEvent unsigned, string signature)
    {
        unsigned.Form.Insert(unsigned.SignatureAt, "signature", signature);
        return unsigned.Form.ToJsonString();
    }

    internal sealed record UnsignedEvent(JsonObject Form, byte[] SigningBytes, int SignatureAt);
}
