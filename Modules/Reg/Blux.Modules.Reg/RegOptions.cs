using System.ComponentModel.DataAnnotations;
using Blux.SharedKernel.Settings;

namespace Blux.Modules.Reg;

/// <summary>The <c>Blux:Reg</c> settings (and their flat names), bound and checked before Blux starts.</summary>
internal sealed class RegOptions : IValidatableObject
{
    public const string Section = "Blux:Reg";
    public const string Issuer = "blux-reg";
    public const string Audience = "blux-ecosystem";

    /// <summary>The data directory: not a Reg setting, set from the host's.</summary>
    public string DataPath { get; internal set; } = string.Empty;

    /// <summary>The master key file; <c>&lt;data&gt;/master.key</c> when not set.</summary>
    public string MasterKeyPath { get; set; } = string.Empty;

    /// <summary>Token lifetime. A day at most: a token cannot be taken back before it expires.</summary>
    [Range(1, 86_400)]
    public int TokenTtlSeconds { get; set; } = 3600;

    public TimeSpan TokenTtl => TimeSpan.FromSeconds(TokenTtlSeconds);

    public string? BootstrapAdminSecret { get; set; }

    /// <summary>How long before a scheduled rotation the next key is created and published (pending).</summary>
    [Range(0.0, 8_760.0)]
    public double RotationLeadHours { get; set; } = 24;

    public TimeSpan RotationLead => TimeSpan.FromHours(RotationLeadHours);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SettingPaths.ReadableFileProblem(MasterKeyPath) is { } problem)
        {
            yield return new ValidationResult(problem, [nameof(MasterKeyPath)]);
        }
    }
}
