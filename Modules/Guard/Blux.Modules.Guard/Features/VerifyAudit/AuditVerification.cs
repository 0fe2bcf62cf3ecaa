using System.ComponentModel;

namespace Blux.Modules.Guard.Features.VerifyAudit;

/// <summary>The answer of <c>GET /v1/audit/verify</c>.</summary>
internal sealed record AuditVerification(
    bool Valid,
    [property: Description("How many records were checked.")] long Checked,
    [property: Description("The last record checked; null on an empty chain.")] ChainHead? Head,
    int CheckpointsVerified,
    [property: Description("The first record that breaks the chain; null when it is valid.")] ChainFailure? FirstFailure,
    [property: Description("What revoked keys signed before their revocation: still valid, flagged.")] IReadOnlyList<RevokedKeyFlag> Flags);

internal sealed record ChainHead(long Seq, string RecordHash);

internal sealed record ChainFailure(
    long Seq,
    string? AuditId,
    [property: Description("missing_record, hash_mismatch, bad_signature, truncated_tail, checkpoint_mismatch, …")] string Reason);

internal sealed record RevokedKeyFlag(
    [property: System.ComponentModel.DataAnnotations.AllowedValues("signed_by_revoked_key")] string Flag,
    string KeyId,
    DateTimeOffset RevokedAt,
    long Records,
    int Checkpoints,
    long? FirstSeq,
    long? LastSeq);
