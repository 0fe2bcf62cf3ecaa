using Blux.Modules.Reg.Data;
using Blux.Modules.Reg.Features.GetIdentity;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Blux.Modules.Reg.Features.ListIdentities;

internal sealed class ListIdentitiesHandler(RegDbContext db) : IRequestHandler<ListIdentitiesQuery, IdentityList>
{
    public async ValueTask<IdentityList> Handle(ListIdentitiesQuery query, CancellationToken cancellationToken)
    {
        var identities = await db.Identities.AsNoTracking().OrderBy(i => i.Id).ToListAsync(cancellationToken);
        var keys = (await db.RequestSigningKeys.AsNoTracking().ToListAsync(cancellationToken)).ToLookup(k => k.IdentityId, StringComparer.Ordinal);
        return new IdentityList(identities.Select(i => IdentityView.Of(i, keys[i.Id])).ToArray());
    }
}
