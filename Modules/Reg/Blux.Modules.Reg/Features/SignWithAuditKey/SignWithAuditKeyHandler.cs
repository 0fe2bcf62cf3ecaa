using Blux.Modules.Reg.Contracts;
using Blux.Modules.Reg.Security;
using Blux.SharedKernel.Crypto;
using Blux.SharedKernel.Errors;
using Mediator;

namespace Blux.Modules.Reg.Features.SignWithAuditKey;

/// <summary>
/// Signs a batch with the audit key the caller named, on several cores when the batch is large. The
/// key must be the one that signs now, or one a rotation replaced less than a minute ago.
/// </summary>
internal sealed class SignWithAuditKeyHandler(KeyRing keys, TimeProvider clock) : IRequestHandler<Contracts.SignWithAuditKey, IReadOnlyList<string>>
{
    private const int ParallelThreshold = 4;

    public ValueTask<IReadOnlyList<string>> Handle(Contracts.SignWithAuditKey request, CancellationToken cancellationToken)
    {
        if (!keys.TryGet(request.KeyId, out var key) || key.KeyType != PublicSigningKey.AuditSigning || !key.MaySignAt(clock.GetUtcNow()))
        {
            throw BluxException.Unavailable("audit_key", "The audit key changed while records were being signed; retry.");
        }

        var signatures = new string[request.Payloads.Count];
        if (signatures.Length < ParallelThreshold)
        {
            for (var i = 0; i < signatures.Length; i++)
            {
                signatures[i] = SignatureFormat.Es512(key.Sign(request.Payloads[i]));
            }
        }
        else
        {
            Parallel.For(0, signatures.Length, i => signatures[i] = SignatureFormat.Es512(key.Sign(request.Payloads[i])));
        }

        return ValueTask.FromResult<IReadOnlyList<string>>(signatures);
    }
}
