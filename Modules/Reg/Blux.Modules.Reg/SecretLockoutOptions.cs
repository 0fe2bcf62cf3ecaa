namespace Blux.Modules.Reg;

/// <summary>How repeated wrong secrets for one <c>client_id</c> back off, bound from <c>Blux:Reg:SecretLockout</c>.</summary>
internal sealed class SecretLockoutOptions
{
    public const string Section = "Blux:Reg:SecretLockout";

    /// <summary>Wrong secrets in a row answered 401 before the first lockout (typos, a rotated secret).</summary>
    public int FreeFailures { get; set; } = 5;

    /// <summary>The first lockout; each further wrong secret doubles it.</summary>
    public double FirstLockoutSeconds { get; set; } = 1;

    /// <summary>The longest lockout.</summary>
    public double MaxLockoutSeconds { get; set; } = 900;

    /// <summary>Clients with wrong secrets remembered at most; beyond, the one quiet longest is forgotten.</summary>
    public int MaxTrackedClients { get; set; } = 100_000;

    public bool IsValid => FreeFailures >= 0 && FirstLockoutSeconds > 0 && MaxLockoutSeconds >= FirstLockoutSeconds && MaxTrackedClients > 0;
}
