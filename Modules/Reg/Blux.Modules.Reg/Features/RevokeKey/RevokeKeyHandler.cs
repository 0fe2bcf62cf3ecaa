using Blux.Modules.Reg.Keys;
using Mediator;

namespace Blux.Modules.Reg.Features.RevokeKey;

internal sealed class RevokeKeyHandler(KeyLifecycle lifecycle) : IRequestHandler<RevokeKeyCommand, KeyRevocation>
{
    public async ValueTask<KeyRevocation> Handle(RevokeKeyCommand command, CancellationToken cancellationToken) =>
        await lifecycle.RevokeAsync(command.KeyId, command.Reason!, command.Caller.AuditName, cancellationToken);
}
