using Blux.Modules.Reg.Contracts;
using Blux.Modules.Reg.Security;
using Mediator;

namespace Blux.Modules.Reg.Features.SignWithAuditKey;

internal sealed class GetActiveAuditKeyHandler(KeyRing keys, TimeProvider clock) : IRequestHandler<GetActiveAuditKey, string>
{
    public ValueTask<string> Handle(GetActiveAuditKey request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(keys.SigningKeyFor(PublicSigningKey.AuditSigning, clock.GetUtcNow()).KeyId);
}
