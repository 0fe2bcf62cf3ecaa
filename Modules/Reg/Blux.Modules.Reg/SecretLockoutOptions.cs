using System.ComponentModel.DataAnnotations;

namespace Blux.Modules.Reg;

/// <summary>How repeated wrong secrets for one <c>client_id</c> back off, bound from <c>Blux:Reg:SecretLockout</c>.</summary>
internal sealed class SecretLockoutOptions : IValidatableObject
{
    public const string Section = "Blux:Reg:SecretLockout";

    /// <summary>Wrong secrets in a row answered 401 before the first lockout (typos, a rotated secret).</summary>
    [Range(0, 1000)]
    public int FreeFailures { get; set; } = 5;

    /// <summary>The first lockout; each further wrong secret doubles it.</summary>
    [Range(0.001, 86_400.0)]
    public double FirstLockoutSeconds { get; set; } = 1;

    /// <summary>The longest lockout.</summary>
    [Range(0.001, 86_400.0)]
    public double MaxLockoutSeconds { get; set; } = 900;

    /// <summary>Clients with wrong secrets remembered at most; beyond, the one quiet longest is forgotten.</summary>
    [Range(1, 10_000_000)]
    public int MaxTrackedClients { get; set; } = 100_000;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxLockoutSeconds < FirstLockoutSeconds)
        {
            yield return new ValidationResult($"it must be at least FirstLockoutSeconds ({FirstLockoutSeconds})", [nameof(MaxLockoutSeconds)]);
        }
    }
}
