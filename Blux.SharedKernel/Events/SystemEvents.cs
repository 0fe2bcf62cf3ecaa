namespace Blux.SharedKernel.Events;

public sealed record KeyRotate(EventOrigin Origin, string KeyId, string KeyType, string RotationReason, DateTimeOffset ValidAfter)
    : BLUXEvent(Origin);

public sealed record PolicyChanged(EventOrigin Origin, long DoctrineVersion, string Digest)
    : BLUXEvent(Origin);
