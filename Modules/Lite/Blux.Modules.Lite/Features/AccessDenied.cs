using System.Text.Json.Nodes;
using Blux.Modules.Guard.Contracts;
using Blux.SharedKernel;
using Blux.SharedKernel.Events;
using Blux.SharedKernel.Identity;
using Mediator;

namespace Blux.Modules.Lite.Features;

/// <summary>Lite's refusals are audited like Guard's: an <c>access.denied</c> record, status denied, before the answer names it.</summary>
internal static class AccessDenied
{
    /// <returns>The record's <c>aud_err_…</c> id, for the error envelope.</returns>
    public static async Task<string> AuditAsync(ISender sender, TimeProvider clock, Caller caller, JsonObject data, string? inputHash, CancellationToken cancellationToken)
    {
        var receipt = await sender.Send(
            new AppendAudit(new AuditEntry
            {
                AuditId = BluxId.New(BluxId.AuditError, clock),
                Service = BluxSources.Lite,
                Operation = "access.denied",
                Identity = caller.AuditName,
                InputHash = inputHash,
                Status = AuditStatuses.Denied,
                Data = data,
            }),
            cancellationToken);
        return receipt.AuditId;
    }
}
