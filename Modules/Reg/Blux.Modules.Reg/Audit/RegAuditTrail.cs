using System.Text.Json.Nodes;
using Blux.Modules.Guard.Contracts;
using Blux.SharedKernel;
using Blux.SharedKernel.Events;
using Mediator;

namespace Blux.Modules.Reg.Audit;

/// <summary>Appends Reg's records (<c>identity.*</c>, <c>key.*</c>) to Guard's audit chain and answers once they are durable.</summary>
internal sealed class RegAuditTrail(ISender sender, TimeProvider clock)
{
    public async Task<string> RecordAsync(string operation, string identity, JsonObject data, CancellationToken cancellationToken)
    {
        var receipt = await sender.Send(
            new AppendAudit(new AuditEntry
            {
                AuditId = BluxId.New(BluxId.Audit, clock),
                Service = BluxSources.Reg,
                Operation = operation,
                Identity = identity,
                Status = AuditStatuses.Success,
                Data = data,
                AuditLevel = AuditLevel.Detailed,
            }),
            cancellationToken);
        return receipt.AuditId;
    }
}
