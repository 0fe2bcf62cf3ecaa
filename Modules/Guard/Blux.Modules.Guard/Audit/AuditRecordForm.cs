using System.Text;
using System.Text.Json.Nodes;
using Blux.Modules.Guard.Domain;
using Blux.SharedKernel.Crypto;
using Blux.SharedKernel.Events;
using Blux.SharedKernel.Json;
using Blux.SharedKernel.Vocabulary;

namespace Blux.Modules.Guard.Audit;

/// <summary>
/// The JSON form of an audit record (docs/contract.md#audit-record-and-hash-chain). <c>record_hash</c> is the SHA-256 of the RFC 8785 form
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

    /// <summary>
    /// A record's <c>data</c> as its audit level keeps it: <c>none</c> nothing; <c>basic</c> the top-level
    /// values; <c>detailed</c> all but the payload and the result; <c>verbose</c> all. Any level but
    /// <c>none</c> names itself in <c>audit_level</c>.
    /// </summary>
    public static JsonObject ShapeData(JsonObject? data, AuditLevel level)
    {
        var shaped = new JsonObject();
        if (level == AuditLevel.None || data is null)
        {
            return shaped;
        }

        shaped["audit_level"] = WireName<AuditLevel>.Of(level);
        foreach (var (key, value) in data)
        {
            var keep = level switch
            {
                AuditLevel.Basic => value is null or JsonValue,
                AuditLevel.Detailed => key is not "payload" and not "result",
                AuditLevel.Verbose => true,
                _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Not an audit level."),
            };
            if (keep)
            {
                shaped[key] = value?.DeepClone();
            }
        }

        return shaped;
    }

    /// <summary>
    /// The record hash. Blux stores the JSON columns in their canonical form, so the canonical text of
    /// the record is assembled directly; if a column was rewritten in another form, the hash falls back
    /// to canonicalizing the parsed record, so the verdict is always the one docs/contract.md#audit-record-and-hash-chain defines.
    /// </summary>
    public static string ComputeHash(AuditRecordRow row) => BluxHash.Sha256(Encoding.UTF8.GetBytes(CanonicalText(row)));

    public static bool HashMatches(AuditRecordRow row) =>
        ComputeHash(row) == row.RecordHash || BluxHash.OfCanonical(ToJson(row, includeSeal: false)) == row.RecordHash;

    /// <summary>RFC 8785 text of the record without record_hash and signature; members in code-unit order.</summary>
    public static string CanonicalText(AuditRecordRow row)
    {
        var text = new StringBuilder(512 + row.Data.Length);
        text.Append("{\"audit_id\":");
        CanonicalJson.AppendString(text, row.AuditId);
        text.Append(",\"data\":").Append(row.Data);
        text.Append(",\"doctrine_flags_applied\":").Append(row.DoctrineFlagsApplied);
        text.Append(",\"duration_ms\":").Append(CanonicalJson.FormatNumber(row.DurationMs));
        text.Append(",\"identity\":");
        CanonicalJson.AppendString(text, row.Identity);
        text.Append(",\"input_hash\":");
        AppendNullable(text, row.InputHash);
        text.Append(",\"key_id\":");
        CanonicalJson.AppendString(text, row.KeyId);
        text.Append(",\"operation\":");
        CanonicalJson.AppendString(text, row.Operation);
        text.Append(",\"output_hash\":");
        AppendNullable(text, row.OutputHash);
        text.Append(",\"prev_hash\":");
        CanonicalJson.AppendString(text, row.PrevHash);
        text.Append(",\"related_events\":").Append(row.RelatedEvents);
        text.Append(",\"seq\":").Append(CanonicalJson.FormatNumber(row.Seq));
        text.Append(",\"service\":");
        CanonicalJson.AppendString(text, row.Service);
        text.Append(",\"status\":");
        CanonicalJson.AppendString(text, row.Status);
        text.Append(",\"timestamp\":");
        CanonicalJson.AppendString(text, row.Timestamp);
        return text.Append('}').ToString();
    }

    private static void AppendNullable(StringBuilder text, string? value)
    {
        if (value is null)
        {
            text.Append("null");
        }
        else
        {
            CanonicalJson.AppendString(text, value);
        }
    }

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
