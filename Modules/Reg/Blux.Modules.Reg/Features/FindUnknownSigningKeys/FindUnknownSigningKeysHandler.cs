using Blux.Modules.Reg.Security;
using Mediator;

namespace Blux.Modules.Reg.Features.FindUnknownSigningKeys;

internal sealed class FindUnknownSigningKeysHandler(KeyRing keys) : IRequestHandler<Contracts.FindUnknownSigningKeys, IReadOnlyList<string>>
{
    public ValueTask<IReadOnlyList<string>> Handle(Contracts.FindUnknownSigningKeys request, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<string>>(request.KeyIds.Where(id => !keys.TryGet(id, out _)).Distinct(StringComparer.Ordinal).ToList());
}
