namespace Blux.Modules.Reg.Domain;

/// <summary>An ES512 public key (P-521) an identity registered to sign its requests; only the public half is ever known to Blux.</summary>
internal sealed record RequestSigningKey(string IdentityId, string Kid, string X, string Y, DateTimeOffset CreatedAt);
