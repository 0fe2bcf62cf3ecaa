using Blux.Modules.Reg.Contracts;
using Blux.Modules.Reg.Security;
using Mediator;

namespace Blux.Modules.Reg.Features.GetVerificationKeys;

internal sealed class GetVerificationKeysHandler(KeyRing keys, TimeProvider clock) : IRequestHandler<Contracts.GetVerificationKeys, IReadOnlyList<PublicSigningKey>>
{
    public ValueTask<IReadOnlyList<PublicSigningKey>> Handle(Contracts.GetVerificationKeys request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(request.WithRevokedAuditKeys ? keys.AuditVerificationKeys(clock.GetUtcNow()) : keys.PublicKeys(clock.GetUtcNow()));
}
