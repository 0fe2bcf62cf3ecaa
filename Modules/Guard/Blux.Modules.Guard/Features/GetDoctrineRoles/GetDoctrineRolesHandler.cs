using Blux.Modules.Guard.Contracts;
using Blux.Modules.Guard.Doctrine;
using Mediator;

namespace Blux.Modules.Guard.Features.GetDoctrineRoles;

internal sealed class GetDoctrineRolesHandler(ActiveDoctrine doctrine) : IRequestHandler<Contracts.GetDoctrineRoles, IReadOnlyList<string>>
{
    public ValueTask<IReadOnlyList<string>> Handle(Contracts.GetDoctrineRoles request, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<string>>(doctrine.Current.Document.Roles.Keys.Order(StringComparer.Ordinal).ToArray());
}
