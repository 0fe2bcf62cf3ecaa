using Blux.SharedKernel.Modules;

namespace Blux.Host;

/// <summary><c>BLUX_ENV</c> (docs/contract.md#environments) as the ASP.NET environment name.</summary>
internal static class BluxEnvironment
{
    public static string FromSeed(string? value) => BluxEnvironments.Normalize(value) switch
    {
        BluxEnvironments.Production => Environments.Production,
        BluxEnvironments.Staging => Environments.Staging,
        _ => Environments.Development,
    };
}
