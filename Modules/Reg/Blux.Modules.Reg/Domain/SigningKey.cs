namespace Blux.Modules.Reg.Domain;

/// <summary>An ES512 key of Reg. The private half is stored only encrypted under the master key.</summary>
internal sealed class SigningKey
{
    public required string KeyId { get; init; }

    public required string KeyType { get; init; }

    public required KeyStatus Status { get; set; }

    public required string PublicX { get; init; }

    public required string PublicY { get; init; }

    public required byte[] EncryptedPrivateKey { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset ValidAfter { get; init; }

    public DateTimeOffset? RetiredAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public string? RotationReason { get; set; }

    public string? RevocationReason { get; set; }
}
