using Blux.Modules.Reg.Features.GetIdentity;
using Mediator;

namespace Blux.Modules.Reg.Features.ListIdentities;

internal sealed record ListIdentitiesQuery : IRequest<IdentityList>;

internal sealed record IdentityList(IReadOnlyList<IdentityView> Identities);
