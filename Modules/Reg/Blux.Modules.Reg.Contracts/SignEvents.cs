using Mediator;

namespace Blux.Modules.Reg.Contracts;

/// <summary>HMAC-SHA256 under the host event key held by Reg; answers one <c>hs256-…</c> per payload.</summary>
public sealed record SignEvents(IReadOnlyList<byte[]> Payloads) : IRequest<IReadOnlyList<string>>;

/// <summary>Checks an event signature made by <see cref="SignEvents"/>.</summary>
public sealed record VerifyEventSignature(byte[] Payload, string Signature) : IRequest<bool>;
