using Blux.SharedKernel.Modules;

namespace Blux.Host;

/// <summary>The seed's <c>BLUX_ENV</c> as the ASP.NET environment name.</summary>
internal static class BluxEnvironment
{
    public static string FromSeed(string? value) => BluxEnvironments.Normalize(value) switch
    {
        BluxEnvironments.Production => Environments.Production,
        BluxEnvironments.Staging => Environments.Staging,
        _ => Environments.Development,
    };
}
