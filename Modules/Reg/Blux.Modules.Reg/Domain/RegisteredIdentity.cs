namespace Blux.Modules.Reg.Domain;

/// <summary>A user or service that can hold tokens. The client secret is kept only as a salted hash.</summary>
internal sealed class RegisteredIdentity
{
    public required string Id { get; init; }

    public required IdentityKind Kind { get; init; }

    public required string DisplayName { get; set; }

    public required List<string> Roles { get; set; }

    public required IdentityStatus Status { get; set; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required byte[] SecretSalt { get; set; }

    public required byte[] SecretHash { get; set; }
}
