using System.Text.Json.Nodes;
using Blux.SharedKernel.Identity;
using Mediator;

namespace Blux.Modules.Reg.Features.RegisterRequestKey;

internal sealed record RegisterRequestKeyCommand(Caller Caller, string IdentityId, JsonObject? Jwk) : IRequest<RegisteredKey>;

internal sealed record RegisteredKey(string Kid, string AuditId);
