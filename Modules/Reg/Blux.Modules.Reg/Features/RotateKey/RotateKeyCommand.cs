using Blux.Modules.Reg.Keys;
using Blux.SharedKernel.Identity;
using Mediator;

namespace Blux.Modules.Reg.Features.RotateKey;

internal sealed record RotateKeyCommand(Caller Caller, string? KeyType, string? RotationReason, DateTimeOffset? ValidAfter) : IRequest<KeyRotation>;
