using Blux.Modules.Reg.Keys;
using Blux.SharedKernel.Identity;
using Mediator;

namespace Blux.Modules.Reg.Features.RevokeKey;

internal sealed record RevokeKeyCommand(Caller Caller, string KeyId, string? Reason) : IRequest<KeyRevocation>;
