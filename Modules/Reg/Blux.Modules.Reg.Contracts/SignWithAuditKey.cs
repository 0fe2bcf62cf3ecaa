using Mediator;

namespace Blux.Modules.Reg.Contracts;

/// <summary>
/// ES512 signatures by the named audit key, which must be the one that signs now (or one a rotation
/// replaced less than a minute ago): the caller put its id into the data it hashed. The private key
/// never leaves Reg. Throws a 503 <c>SERVICE_UNAVAILABLE</c> otherwise; the caller asks again.
/// </summary>
public sealed record SignWithAuditKey(string KeyId, IReadOnlyList<byte[]> Payloads) : IRequest<IReadOnlyList<string>>;
