using Microsoft.Extensions.Configuration;

namespace Blux.SharedKernel.Modules;

/// <summary>The deployment environment from <c>BLUX_ENV</c> (dev, stage, prod accepted), development by default.</summary>
public static class BluxEnvironments
{
    public const string Development = "development";
    public const string Staging = "staging";
    public const string Production = "production";

    public static string Current(IConfiguration configuration) =>
        Normalize(configuration["BLUX_ENV"] ?? configuration["Blux:Environment"]);

    public static string Normalize(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "prod" or Production => Production,
        "stage" or Staging => Staging,
        _ => Development,
    };
}
