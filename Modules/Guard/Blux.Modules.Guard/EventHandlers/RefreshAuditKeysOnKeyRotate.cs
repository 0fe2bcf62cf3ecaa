using Blux.Modules.Guard.Audit;
using Blux.SharedKernel.Events;
using Mediator;

namespace Blux.Modules.Guard.EventHandlers;

/// <summary>A rotated or revoked key changes what verifies: reload the published audit keys.</summary>
internal sealed class RefreshAuditKeysOnKeyRotate(AuditKeyCache keys, ISender sender) : INotificationHandler<KeyRotate>
{
    public async ValueTask Handle(KeyRotate notification, CancellationToken cancellationToken) =>
        await keys.RefreshAsync(sender, cancellationToken);
}
