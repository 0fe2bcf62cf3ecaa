namespace Blux.Modules.Reg;

internal sealed class RegOptions
{
    public const string Issuer = "blux-reg";
    public const string Audience = "blux-ecosystem";

    public required string DataPath { get; init; }

    public required string MasterKeyPath { get; init; }

    public TimeSpan TokenTtl { get; init; } = TimeSpan.FromHours(1);

    public string? BootstrapAdminSecret { get; init; }

    /// <summary>How long before a scheduled rotation the next key is created and published (pending).</summary>
    public TimeSpan RotationLead { get; init; } = TimeSpan.FromHours(24);
}
