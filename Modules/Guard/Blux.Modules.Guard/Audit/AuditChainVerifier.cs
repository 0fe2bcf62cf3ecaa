using Blux.Modules.Guard.Data;
using Blux.Modules.Guard.Domain;
using Blux.SharedKernel.Crypto;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Blux.Modules.Guard.Audit;

/// <summary>
/// Walks the chain from the store: sequence without gaps, each <c>prev_hash</c> the previous
/// <c>record_hash</c>, each hash recomputed, each signature checked against the audit keys, and every
/// checkpoint signed and matching the record at its <c>seq</c>, which must still exist. What a revoked
/// key signed before its revocation still verifies and is reported per key; anything it claims to
/// have signed later fails as <c>revoked_key</c>.
/// </summary>
internal sealed class AuditChainVerifier(GuardDbContext db, AuditKeyCache keys, ISender sender)
{
    private const int PageSize = 2000;

    public async Task<VerificationReport> VerifyAsync(long fromSeq, long? toSeq, CancellationToken cancellationToken)
    {
        await keys.RefreshAsync(sender, cancellationToken);
        fromSeq = Math.Max(1, fromSeq);
        var expectedPrev = fromSeq == 1
            ? BluxHash.Genesis
            : await db.AuditRecords.AsNoTracking().Where(r => r.Seq == fromSeq - 1).Select(r => r.RecordHash).FirstOrDefaultAsync(cancellationToken);

        long checkedCount = 0;
        long expectedSeq = fromSeq;
        AuditRecordRow? last = null;
        var revokedUses = new Dictionary<string, RevokedKeyUse>(StringComparer.Ordinal);
        var chainTime = DateTimeOffset.MinValue;
        Failure? failure = expectedPrev is null ? new Failure(fromSeq - 1, null, "missing_record") : null;
        var cursor = fromSeq - 1;
        while (failure is null)
        {
            var upper = toSeq ?? long.MaxValue;
            var page = await db.AuditRecords.AsNoTracking()
                .Where(r => r.Seq > cursor && r.Seq <= upper)
                .OrderBy(r => r.Seq)
                .Take(PageSize)
                .ToListAsync(cancellationToken);
            if (page.Count == 0)
            {
                break;
            }

            var result = AuditChainCheck.CheckPage(page, expectedSeq, expectedPrev!, keys, chainTime);
            chainTime = result.ChainTime;
            checkedCount += result.Checked;
            expectedSeq = result.NextSeq;
            expectedPrev = result.NextPrev;
            last = result.Last ?? last;
            failure = result.Failure;
            cursor = page[^1].Seq;
            foreach (var row in result.ByRevokedKeys)
            {
                var use = Use(revokedUses, row.KeyId);
                revokedUses[row.KeyId] = use with { Records = use.Records + 1, FirstSeq = use.FirstSeq ?? row.Seq, LastSeq = row.Seq };
            }
        }

        var checkpointsVerified = 0;
        if (failure is null)
        {
            (checkpointsVerified, failure) = await VerifyCheckpointsAsync(fromSeq, toSeq, last, revokedUses, cancellationToken);
        }

        return new VerificationReport(
            failure is null,
            checkedCount,
            last is null ? null : new ChainPosition(last.Seq, last.RecordHash),
            checkpointsVerified,
            failure,
            revokedUses.Values.OrderBy(u => u.RevokedAt).ThenBy(u => u.KeyId, StringComparer.Ordinal).ToArray());
    }

    private RevokedKeyUse Use(Dictionary<string, RevokedKeyUse> uses, string keyId) =>
        uses.TryGetValue(keyId, out var use) ? use : new RevokedKeyUse(keyId, keys.RevokedAt(keyId)!.Value, 0, 0, null, null);

    private async Task<(int Verified, Failure? Failure)> VerifyCheckpointsAsync(
        long fromSeq, long? toSeq, AuditRecordRow? last, Dictionary<string, RevokedKeyUse> revokedUses, CancellationToken cancellationToken)
    {
        var checkpoints = await db.Checkpoints.AsNoTracking().Where(c => c.Seq >= fromSeq).OrderBy(c => c.Seq).ToListAsync(cancellationToken);
        var verified = 0;
        foreach (var checkpoint in checkpoints)
        {
            if (!keys.Verify(checkpoint.KeyId, AuditRecordForm.CheckpointSigningBytes(checkpoint), checkpoint.Signature))
            {
                return (verified, new Failure(checkpoint.Seq, null, "bad_checkpoint_signature"));
            }

            if (keys.RevokedAt(checkpoint.KeyId) is { } revokedAt)
            {
                if (!AuditChainCheck.SealedBefore(checkpoint.Timestamp, revokedAt))
                {
                    return (verified, new Failure(checkpoint.Seq, null, "revoked_key"));
                }

                var use = Use(revokedUses, checkpoint.KeyId);
                revokedUses[checkpoint.KeyId] = use with { Checkpoints = use.Checkpoints + 1 };
            }

            if (toSeq is not null && checkpoint.Seq > toSeq)
            {
                continue;
            }

            if (last is null || checkpoint.Seq > last.Seq)
            {
                return (verified, new Failure(checkpoint.Seq, null, "truncated_tail"));
            }

            var recordHash = await db.AuditRecords.AsNoTracking().Where(r => r.Seq == checkpoint.Seq).Select(r => r.RecordHash).FirstOrDefaultAsync(cancellationToken);
            if (recordHash != checkpoint.HeadHash)
            {
                return (verified, new Failure(checkpoint.Seq, null, "checkpoint_mismatch"));
            }

            verified++;
        }

        return (verified, null);
    }
}

internal sealed record VerificationReport(bool Valid, long Checked, ChainPosition? Head, int CheckpointsVerified, Failure? FirstFailure, IReadOnlyList<RevokedKeyUse> RevokedKeys);

internal sealed record ChainPosition(long Seq, string RecordHash);

internal sealed record Failure(long Seq, string? AuditId, string Reason);
