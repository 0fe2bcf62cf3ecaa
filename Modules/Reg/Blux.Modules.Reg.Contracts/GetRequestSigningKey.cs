using Mediator;

namespace Blux.Modules.Reg.Contracts;

/// <summary>
/// The ES512 public key an identity registered under <paramref name="Kid"/> to sign its requests;
/// null when the identity is unknown or disabled, or has no such key.
/// </summary>
public sealed record GetRequestSigningKey(string IdentityId, string Kid) : IRequest<RequestSigningKey?>;

/// <summary>A registered request-signing key: P-521 coordinates in base64url, as in its JWK.</summary>
public sealed record RequestSigningKey(string IdentityId, string Kid, string X, string Y, DateTimeOffset CreatedAt);
