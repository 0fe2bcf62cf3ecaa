using System.Text.Json.Nodes;
using Blux.Modules.Guard.Domain;
using Blux.SharedKernel.Crypto;
using Blux.SharedKernel.Json;

namespace Blux.Modules.Guard.Audit;

/// <summary>
/// The JSON form of an audit record (SPEC §5). <c>record_hash</c> is the SHA-256 of the RFC 8785 form
/// without <c>record_hash</c> and <c>signature</c>; the signature is ES512 over the ASCII of <c>record_hash</c>.
/// </summary>
internal static class AuditRecordForm
{
    public static JsonObject ToJson(AuditRecordRow row, bool includeSeal = true)
    {
        var json = new JsonObject
        {
            ["audit_id"] = row.AuditId,
            ["seq"] = row.Seq,
            ["timestamp"] = row.Timestamp,
            ["service"] = row.Service,
            ["operation"] = row.Operation,
            ["identity"] = row.Identity,
            ["input_hash"] = row.InputHash,
            ["output_hash"] = row.OutputHash,
            ["doctrine_flags_applied"] = JsonNode.Parse(row.DoctrineFlagsApplied),
            ["related_events"] = JsonNode.Parse(row.RelatedEvents),
            ["status"] = row.Status,
            ["duration_ms"] = row.DurationMs,
            ["data"] = JsonNode.Parse(row.Data),
            ["prev_hash"] = row.PrevHash,
            ["key_id"] = row.KeyId,
        };
        if (includeSeal)
        {
            json["record_hash"] = row.RecordHash;
            json["signature"] = row.Signature;
        }

        return json;
    }

    public static string ComputeHash(AuditRecordRow row) => BluxHash.OfCanonical(ToJson(row, includeSeal: false));

    public static JsonObject CheckpointJson(CheckpointRow checkpoint, bool includeSignature = true)
    {
        var json = new JsonObject
        {
            ["checkpoint_id"] = checkpoint.CheckpointId,
            ["seq"] = checkpoint.Seq,
            ["head_hash"] = checkpoint.HeadHash,
            ["timestamp"] = checkpoint.Timestamp,
            ["key_id"] = checkpoint.KeyId,
        };
        if (includeSignature)
        {
            json["signature"] = checkpoint.Signature;
        }

        return json;
    }

    public static byte[] CheckpointSigningBytes(CheckpointRow checkpoint) => CanonicalJson.ToUtf8Bytes(CheckpointJson(checkpoint, includeSignature: false));
}
