using Blux.Modules.Reg.Keys;
using Mediator;

namespace Blux.Modules.Reg.Features.RotateKey;

internal sealed class RotateKeyHandler(KeyLifecycle lifecycle) : IRequestHandler<RotateKeyCommand, KeyRotation>
{
    public async ValueTask<KeyRotation> Handle(RotateKeyCommand command, CancellationToken cancellationToken) =>
        await lifecycle.RotateAsync(command.KeyType!, command.RotationReason!, command.ValidAfter, command.Caller.AuditName, cancellationToken);
}
