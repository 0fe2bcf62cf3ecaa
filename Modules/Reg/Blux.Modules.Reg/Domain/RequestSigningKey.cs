namespace Blux.Modules.Reg.Domain;

/// <summary>An ES512 public key (P-521) an identity registered to sign its requests; only the public half is ever known to Blux.</summary>
internal sealed class RequestSigningKey
{
    public required string IdentityId { get; init; }

    public required string Kid { get; init; }

    public required string X { get; init; }

    public required string Y { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
}
