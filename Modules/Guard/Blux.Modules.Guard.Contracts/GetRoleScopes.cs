using Mediator;

namespace Blux.Modules.Guard.Contracts;

/// <summary>The scopes that the doctrine in force grants to a set of roles.</summary>
public sealed record GetRoleScopes(IReadOnlyList<string> Roles) : IRequest<IReadOnlyList<string>>;
