namespace Blux.Host;

/// <summary>The seed's <c>BLUX_ENV</c> names (dev, stage, prod accepted) as ASP.NET environment names.</summary>
internal static class BluxEnvironment
{
    public static string FromSeed(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "dev" or "development" => Environments.Development,
        "stage" or "staging" => Environments.Staging,
        "prod" or "production" => Environments.Production,
        _ => Environments.Production,
    };
}
