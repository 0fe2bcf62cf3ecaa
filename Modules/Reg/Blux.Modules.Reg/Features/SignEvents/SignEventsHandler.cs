using System.Security.Cryptography;
using Blux.Modules.Reg.Contracts;
using Blux.Modules.Reg.Security;
using Blux.SharedKernel.Crypto;
using Mediator;

namespace Blux.Modules.Reg.Features.SignEvents;

internal sealed class SignEventsHandler(KeyRing keys) : IRequestHandler<Contracts.SignEvents, IReadOnlyList<string>>
{
    public ValueTask<IReadOnlyList<string>> Handle(Contracts.SignEvents request, CancellationToken cancellationToken)
    {
        var key = keys.EventKey;
        IReadOnlyList<string> signatures = request.Payloads.Select(p => SignatureFormat.Hs256(HMACSHA256.HashData(key, p))).ToArray();
        return ValueTask.FromResult(signatures);
    }
}
