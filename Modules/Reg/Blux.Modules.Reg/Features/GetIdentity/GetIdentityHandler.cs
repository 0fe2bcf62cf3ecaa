using Blux.Modules.Reg.Data;
using Blux.SharedKernel.Errors;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Blux.Modules.Reg.Features.GetIdentity;

internal sealed class GetIdentityHandler(RegDbContext db) : IRequestHandler<GetIdentityQuery, IdentityView>
{
    public async ValueTask<IdentityView> Handle(GetIdentityQuery query, CancellationToken cancellationToken)
    {
        var identity = await db.Identities.AsNoTracking().FirstOrDefaultAsync(i => i.Id == query.Id, cancellationToken)
            ?? throw BluxException.NotFound("identity", query.Id);
        var keys = await db.RequestSigningKeys.AsNoTracking().Where(k => k.IdentityId == query.Id).ToListAsync(cancellationToken);
        return IdentityView.Of(identity, keys);
    }
}
