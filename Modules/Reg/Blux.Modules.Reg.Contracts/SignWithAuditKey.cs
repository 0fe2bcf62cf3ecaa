using Mediator;

namespace Blux.Modules.Reg.Contracts;

/// <summary>
/// ES512 signatures by the named audit key, which must be the one that signs now: the caller put its
/// id into the data it hashed. The private key never leaves Reg.
/// </summary>
public sealed record SignWithAuditKey(string KeyId, IReadOnlyList<byte[]> Payloads) : IRequest<IReadOnlyList<string>>;
