using System.Text;
using Blux.Modules.Guard.Domain;
using Blux.SharedKernel;

namespace Blux.Modules.Guard.Audit;

/// <summary>
/// Checks one page of consecutive records: order without gaps, the hash chain, every record hash and,
/// when keys are given, every signature. Hashes and signatures are computed on all cores; the first
/// failure in chain order is the one reported.
/// A record by a revoked key verifies while the chain has not yet reached the revocation: its own
/// time and every earlier record's are no later than it (such records are returned among
/// <see cref="PageResult.ByRevokedKeys"/>). Past that point it fails as <c>revoked_key</c>, so a record
/// made with a stolen key after its revocation is caught whatever time it claims.
/// </summary>
internal static class AuditChainCheck
{
    public static PageResult CheckPage(
        IReadOnlyList<AuditRecordRow> page, long expectedSeq, string expectedPrev, AuditKeyCache? keys, DateTimeOffset chainTime = default)
    {
        var hashesMatch = new bool[page.Count];
        var signaturesValid = new bool[page.Count];
        Parallel.For(0, page.Count, i =>
        {
            var row = page[i];
            hashesMatch[i] = AuditRecordForm.HashMatches(row);
            signaturesValid[i] = keys is null || keys.Verify(row.KeyId, Encoding.ASCII.GetBytes(row.RecordHash), row.Signature);
        });

        long checkedCount = 0;
        AuditRecordRow? last = null;
        var byRevokedKeys = new List<AuditRecordRow>();
        for (var i = 0; i < page.Count; i++)
        {
            var row = page[i];
            var revokedAt = keys?.RevokedAt(row.KeyId);
            DateTimeOffset? sealedAt = keys is not null && BluxTime.TryParse(row.Timestamp, out var parsed) ? parsed : null;
            var failure = row.Seq != expectedSeq ? new Failure(expectedSeq, row.AuditId, row.Seq > expectedSeq ? "missing_record" : "sequence_out_of_order")
                : row.PrevHash != expectedPrev ? new Failure(row.Seq, row.AuditId, "prev_hash_mismatch")
                : !hashesMatch[i] ? new Failure(row.Seq, row.AuditId, "record_hash_mismatch")
                : keys is not null && !keys.Knows(row.KeyId) ? new Failure(row.Seq, row.AuditId, "unknown_key")
                : !signaturesValid[i] ? new Failure(row.Seq, row.AuditId, "bad_signature")
                : revokedAt is { } revoked && (sealedAt is not { } at || at > revoked || chainTime > revoked) ? new Failure(row.Seq, row.AuditId, "revoked_key")
                : null;
            if (failure is not null)
            {
                return new PageResult(checkedCount, expectedSeq, expectedPrev, last, failure, byRevokedKeys, chainTime);
            }

            if (revokedAt is not null)
            {
                byRevokedKeys.Add(row);
            }

            if (sealedAt > chainTime)
            {
                chainTime = sealedAt.Value;
            }

            checkedCount++;
            expectedSeq++;
            expectedPrev = row.RecordHash;
            last = row;
        }

        return new PageResult(checkedCount, expectedSeq, expectedPrev, last, null, byRevokedKeys, chainTime);
    }

    /// <summary>Whether something stamped <paramref name="timestamp"/> was sealed no later than the revocation.</summary>
    public static bool SealedBefore(string timestamp, DateTimeOffset revokedAt) =>
        BluxTime.TryParse(timestamp, out var sealedAt) && sealedAt <= revokedAt;
}

/// <summary>
/// One checked page. <see cref="ChainTime"/> is the latest time of a record so far, carried to the next
/// page: the chain's own clock, which a revoked key's record may not come after.
/// </summary>
internal sealed record PageResult(
    long Checked, long NextSeq, string NextPrev, AuditRecordRow? Last, Failure? Failure, IReadOnlyList<AuditRecordRow> ByRevokedKeys, DateTimeOffset ChainTime);
