using Blux.Modules.Reg.Contracts;
using Blux.Modules.Reg.Data;
using Blux.Modules.Reg.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Blux.Modules.Reg.Features.GetRequestSigningKey;

internal sealed class GetRequestSigningKeyHandler(RegDbContext db, IdentityDirectory directory)
    : IRequestHandler<Contracts.GetRequestSigningKey, RequestSigningKey?>
{
    public async ValueTask<RequestSigningKey?> Handle(Contracts.GetRequestSigningKey request, CancellationToken cancellationToken)
    {
        if (!directory.IsActive(request.IdentityId))
        {
            return null;
        }

        var key = await db.RequestSigningKeys.AsNoTracking()
            .FirstOrDefaultAsync(k => k.IdentityId == request.IdentityId && k.Kid == request.Kid, cancellationToken);
        return key is null ? null : new RequestSigningKey(key.IdentityId, key.Kid, key.X, key.Y, key.CreatedAt);
    }
}
