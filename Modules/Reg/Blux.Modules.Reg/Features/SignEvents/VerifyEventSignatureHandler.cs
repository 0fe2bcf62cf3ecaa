using System.Security.Cryptography;
using Blux.Modules.Reg.Contracts;
using Blux.Modules.Reg.Security;
using Blux.SharedKernel.Crypto;
using Mediator;

namespace Blux.Modules.Reg.Features.SignEvents;

internal sealed class VerifyEventSignatureHandler(KeyRing keys) : IRequestHandler<VerifyEventSignature, bool>
{
    public ValueTask<bool> Handle(VerifyEventSignature request, CancellationToken cancellationToken)
    {
        var valid = SignatureFormat.TryDecode(request.Signature, SignatureFormat.Hs256Prefix, out var mac)
            && CryptographicOperations.FixedTimeEquals(mac, HMACSHA256.HashData(keys.EventKey, request.Payload));
        return ValueTask.FromResult(valid);
    }
}
