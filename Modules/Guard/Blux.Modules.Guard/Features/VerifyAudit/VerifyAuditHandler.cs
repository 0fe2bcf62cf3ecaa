using Blux.Modules.Guard.Audit;
using Blux.SharedKernel.Api;
using Mediator;

namespace Blux.Modules.Guard.Features.VerifyAudit;

internal sealed class VerifyAuditHandler(AuditChainVerifier verifier) : IRequestHandler<VerifyAuditRequest, AuditVerification>
{
    public async ValueTask<AuditVerification> Handle(VerifyAuditRequest request, CancellationToken cancellationToken)
    {
        var report = await verifier.VerifyAsync(QueryValue.WholeNumber(request.FromSeq) ?? 1, QueryValue.WholeNumber(request.ToSeq), cancellationToken);
        return new AuditVerification(
            report.Valid,
            report.Checked,
            report.Head is null ? null : new ChainHead(report.Head.Seq, report.Head.RecordHash),
            report.CheckpointsVerified,
            report.FirstFailure is null ? null : new ChainFailure(report.FirstFailure.Seq, report.FirstFailure.AuditId, report.FirstFailure.Reason),
            report.RevokedKeys.Select(use => new RevokedKeyFlag("signed_by_revoked_key", use.KeyId, use.RevokedAt, use.Records, use.Checkpoints, use.FirstSeq, use.LastSeq)).ToArray());
    }
}
