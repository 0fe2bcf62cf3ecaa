using Mediator;

namespace Blux.Modules.Reg.Contracts;

/// <summary>
/// The ids among <see cref="KeyIds"/> for which Reg holds no signing key in any status (a revoked key
/// is still held). Guard asks it at start-up: a chain signed by a key Reg never held means reg.db is
/// older than guard.db, or from another installation.
/// </summary>
public sealed record FindUnknownSigningKeys(IReadOnlyList<string> KeyIds) : IRequest<IReadOnlyList<string>>;
