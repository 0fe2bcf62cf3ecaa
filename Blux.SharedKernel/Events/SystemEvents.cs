namespace Blux.SharedKernel.Events;

public sealed record KeyRotate : BLUXEvent
{
    public required string KeyId { get; init; }

    public required string KeyType { get; init; }

    public required string RotationReason { get; init; }

    public required DateTimeOffset ValidAfter { get; init; }
}

public sealed record PolicyChanged : BLUXEvent
{
    public required long DoctrineVersion { get; init; }

    public required string Digest { get; init; }
}
