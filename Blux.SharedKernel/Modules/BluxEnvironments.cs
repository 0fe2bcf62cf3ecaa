namespace Blux.SharedKernel.Modules;

/// <summary>
/// The deployment environment from <c>BLUX_ENV</c> (<c>Blux:Environment</c>; dev, stage, prod accepted),
/// development when unset. A value Blux does not know stops the start (the host's settings check):
/// a misspelt "production" must not quietly turn production's signing requirement off.
/// </summary>
public static class BluxEnvironments
{
    public const string Development = "development";
    public const string Staging = "staging";
    public const string Production = "production";

    /// <summary>What the host's check says is allowed.</summary>
    public const string Allowed = "it must be development, staging or production (dev, stage and prod are accepted)";

    /// <summary>The environment a value names, or null when it names none.</summary>
    public static string? Normalize(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "dev" or Development => Development,
        "stage" or Staging => Staging,
        "prod" or Production => Production,
        _ => null,
    };
}
