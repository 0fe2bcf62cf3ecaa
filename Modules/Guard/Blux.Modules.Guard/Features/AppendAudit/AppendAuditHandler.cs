using Blux.Modules.Guard.Audit;
using Blux.Modules.Guard.Contracts;
using Mediator;

namespace Blux.Modules.Guard.Features.AppendAudit;

internal sealed class AppendAuditHandler(AuditWriter writer) : IRequestHandler<Contracts.AppendAudit, AuditReceipt>
{
    public async ValueTask<AuditReceipt> Handle(Contracts.AppendAudit request, CancellationToken cancellationToken) =>
        await writer.AppendAsync(request.Entry, cancellationToken);
}
