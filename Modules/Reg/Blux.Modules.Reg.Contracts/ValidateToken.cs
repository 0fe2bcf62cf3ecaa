using Blux.SharedKernel.Identity;
using Mediator;

namespace Blux.Modules.Reg.Contracts;

/// <summary>Checks a bearer token: signature, <c>kid</c>, issuer, audience, lifetime and the identity's status.</summary>
public sealed record ValidateToken(string Token) : IRequest<TokenValidation>;

public sealed record TokenValidation(bool Valid, Caller? Caller, DateTimeOffset? ExpiresAt, string? Reason)
{
    public static TokenValidation Invalid(string reason) => new(false, null, null, reason);
}
