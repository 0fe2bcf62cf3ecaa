using System.Text;
using Blux.Modules.Guard.Domain;

namespace Blux.Modules.Guard.Audit;

/// <summary>
/// Checks one page of consecutive records: order without gaps, the hash chain, every record hash and,
/// when keys are given, every signature. Hashes and signatures are computed on all cores; the first
/// failure in chain order is the one reported.
/// </summary>
internal static class AuditChainCheck
{
    public static PageResult CheckPage(IReadOnlyList<AuditRecordRow> page, long expectedSeq, string expectedPrev, AuditKeyCache? keys)
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
        for (var i = 0; i < page.Count; i++)
        {
            var row = page[i];
            var failure = row.Seq != expectedSeq ? new Failure(expectedSeq, row.AuditId, row.Seq > expectedSeq ? "missing_record" : "sequence_out_of_order")
                : row.PrevHash != expectedPrev ? new Failure(row.Seq, row.AuditId, "prev_hash_mismatch")
                : !hashesMatch[i] ? new Failure(row.Seq, row.AuditId, "record_hash_mismatch")
                : keys is not null && !keys.Knows(row.KeyId) ? new Failure(row.Seq, row.AuditId, "unknown_key")
                : !signaturesValid[i] ? new Failure(row.Seq, row.AuditId, "bad_signature")
                : null;
            if (failure is not null)
            {
                return new PageResult(checkedCount, expectedSeq, expectedPrev, last, failure);
            }

            checkedCount++;
            expectedSeq++;
            expectedPrev = row.RecordHash;
            last = row;
        }

        return new PageResult(checkedCount, expectedSeq, expectedPrev, last, null);
    }
}

internal sealed record PageResult(long Checked, long NextSeq, string NextPrev, AuditRecordRow? Last, Failure? Failure);
