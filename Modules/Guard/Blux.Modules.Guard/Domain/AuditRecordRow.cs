namespace Blux.Modules.Guard.Domain;

/// <summary>
/// One record of the audit chain, column by column. Every column is part of the hashed form,
/// so an edit to any of them breaks the chain.
/// </summary>
internal sealed class AuditRecordRow
{
    public required long Seq { get; init; }

    public required string AuditId { get; init; }

    public required string Timestamp { get; init; }

    public required string Service { get; init; }

    public required string Operation { get; init; }

    public required string Identity { get; init; }

    public string? InputHash { get; init; }

    public string? OutputHash { get; init; }

    public required string DoctrineFlagsApplied { get; init; }

    public required string RelatedEvents { get; init; }

    public required string Status { get; init; }

    public required long DurationMs { get; init; }

    public required string Data { get; init; }

    public required string PrevHash { get; init; }

    public required string RecordHash { get; set; }

    public required string KeyId { get; init; }

    public required string Signature { get; set; }
}
