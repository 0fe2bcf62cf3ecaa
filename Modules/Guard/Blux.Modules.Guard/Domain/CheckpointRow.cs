namespace Blux.Modules.Guard.Domain;

/// <summary>A signed statement of the chain's head at a moment, so that a cut tail is detectable.</summary>
internal sealed class CheckpointRow
{
    public required string CheckpointId { get; init; }

    public required long Seq { get; init; }

    public required string HeadHash { get; init; }

    public required string Timestamp { get; init; }

    public required string KeyId { get; init; }

    public required string Signature { get; set; }
}
