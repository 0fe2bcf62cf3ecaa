namespace Blux.SharedKernel.Events;

public sealed record KeyRotate : BLUXEvent
{
    public required string KeyId { get; init; }

    public required string KeyType { get; init; }

    public required string RotationReason { get; init; }

    public required DateTimeOffset ValidAfter { get; init; }

    public static KeyRotate Of(EventOrigin origin, string keyId, string keyType, string rotationReason, DateTimeOffset validAfter) =>
        new() { Origin = origin, KeyId = keyId, KeyType = keyType, RotationReason = rotationReason, ValidAfter = validAfter };
}

public sealed record PolicyChanged : BLUXEvent
{
    public required long DoctrineVersion { get; init; }

    public required string Digest { get; init; }

    public static PolicyChanged Of(EventOrigin origin, long doctrineVersion, string digest) =>
        new() { Origin = origin, DoctrineVersion = doctrineVersion, Digest = digest };
}
