using System.ComponentModel;

namespace Blux.Modules.Guard.Features.Checkpoints;

/// <summary>The shape of a signed checkpoint as the API shows it (<c>AuditRecordForm.CheckpointJson</c>).</summary>
internal sealed record Checkpoint(
    string CheckpointId,
    [property: Description("The seq of the record the checkpoint seals.")] long Seq,
    [property: Description("That record's record_hash.")] string HeadHash,
    DateTimeOffset Timestamp,
    string KeyId,
    [property: Description("es512-<base64url> over the RFC 8785 form of the checkpoint without signature.")] string Signature);
