using Mediator;

namespace Blux.Modules.Reg.Contracts;

/// <summary>The id of the audit key that signs now.</summary>
public sealed record GetActiveAuditKey : IRequest<string>;
