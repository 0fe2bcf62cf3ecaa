namespace Blux.Modules.Reg.Domain;

/// <summary>A user or service that can hold tokens. The client secret is kept only as a salted hash.</summary>
internal sealed class RegisteredIdentity
{
    public const string Active = "active";
    public const string Disabled = "disabled";
    public const string User = "user";
    public const string Service = "service";

    public required string Id { get; init; }

    public required string Kind { get; init; }

    public required string DisplayName { get; set; }

    public required List<string> Roles { get; set; }

    public required string Status { get; set; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required byte[] SecretSalt { get; set; }

    public required byte[] SecretHash { get; set; }
}
