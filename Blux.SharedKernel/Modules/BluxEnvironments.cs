using Microsoft.Extensions.Configuration;

namespace Blux.SharedKernel.Modules;

/// <summary>
/// The deployment environment from <c>BLUX_ENV</c> (dev, stage, prod accepted), development when unset.
/// A value Blux does not know stops the start: a misspelt "production" must not quietly turn
/// production's signing requirement off.
/// </summary>
public static class BluxEnvironments
{
    public const string Development = "development";
    public const string Staging = "staging";
    public const string Production = "production";

    public static string Current(IConfiguration configuration) =>
        Normalize(configuration["BLUX_ENV"] ?? configuration["Blux:Environment"]);

    public static string Normalize(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "dev" or Development => Development,
        "stage" or Staging => Staging,
        "prod" or Production => Production,
        _ => throw new InvalidOperationException(
            $"BLUX_ENV '{value}' is not one of development, staging or production (dev, stage and prod are accepted)."),
    };
}
