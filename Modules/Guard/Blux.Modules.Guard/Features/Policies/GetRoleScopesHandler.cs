using Blux.Modules.Guard.Contracts;
using Blux.Modules.Guard.Doctrine;
using Mediator;

namespace Blux.Modules.Guard.Features.Policies;

internal sealed class GetRoleScopesHandler(ActiveDoctrine doctrine) : IRequestHandler<GetRoleScopes, IReadOnlyList<string>>
{
    public ValueTask<IReadOnlyList<string>> Handle(GetRoleScopes request, CancellationToken cancellationToken)
    {
        var roles = doctrine.Current.Document.Roles;
        IReadOnlyList<string> scopes = request.Roles
            .SelectMany(role => roles.TryGetValue(role, out var granted) ? granted : [])
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToArray();
        return ValueTask.FromResult(scopes);
    }
}
