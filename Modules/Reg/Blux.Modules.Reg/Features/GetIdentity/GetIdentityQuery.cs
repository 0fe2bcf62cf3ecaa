using Mediator;

namespace Blux.Modules.Reg.Features.GetIdentity;

internal sealed record GetIdentityQuery(string Id) : IRequest<IdentityView>;
