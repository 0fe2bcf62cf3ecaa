namespace Blux.SharedKernel.Crypto;

/// <summary>What <see cref="Es512.Verify"/> found.</summary>
public enum Es512Check
{
    Invalid,
    Valid,
    HighS,
}
