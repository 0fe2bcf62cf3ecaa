using Mediator;

namespace Blux.Modules.Guard.Contracts;

/// <summary>The names of the roles the doctrine in force defines, in ordinal order.</summary>
public sealed record GetDoctrineRoles : IRequest<IReadOnlyList<string>>;
