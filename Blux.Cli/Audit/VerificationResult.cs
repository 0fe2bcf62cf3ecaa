using System.Text.Json.Nodes;

namespace Blux.Cli.Audit;

/// <summary>The first thing in an export that does not hold, with where it is.</summary>
internal sealed record VerificationFailure(long Line, long? Seq, string? AuditId, string Reason, string Message)
{
    public JsonObject ToJson() => new()
    {
        ["line"] = Line,
        ["seq"] = Seq,
        ["audit_id"] = AuditId,
        ["reason"] = Reason,
        ["message"] = Message,
    };

    public override string ToString() =>
        $"line {Line}" + (Seq is { } seq ? $", record seq {seq}" : string.Empty) + (AuditId is { } id ? $" ({id})" : string.Empty) + $": {Reason}: {Message}";
}

/// <summary>What the offline verifier found.</summary>
internal sealed record VerificationResult(
    long Records,
    long Checkpoints,
    long? HeadSeq,
    string? HeadHash,
    IReadOnlyList<string> KeyIds,
    bool KeysPinned,
    IReadOnlyDictionary<string, long> SignedByRevokedKey,
    VerificationFailure? FirstFailure)
{
    public bool Valid => FirstFailure is null;

    public JsonObject ToJson() => new()
    {
        ["valid"] = Valid,
        ["checked"] = Records,
        ["checkpoints_verified"] = Valid ? Checkpoints : null,
        ["head"] = HeadSeq is null ? null : new JsonObject { ["seq"] = HeadSeq, ["record_hash"] = HeadHash },
        ["keys"] = new JsonArray([.. KeyIds.Select(k => (JsonNode?)k)]),
        ["keys_pinned"] = KeysPinned,
        ["flags"] = new JsonArray([.. SignedByRevokedKey.Select(p => (JsonNode?)new JsonObject { ["flag"] = "signed_by_revoked_key", ["key_id"] = p.Key, ["records"] = p.Value })]),
        ["first_failure"] = FirstFailure?.ToJson(),
    };
}
