using System.ComponentModel.DataAnnotations;
using Blux.SharedKernel.Modules;
using Blux.SharedKernel.Settings;

namespace Blux.Host;

/// <summary>The host's own settings directly under <c>Blux</c> (and their flat names), bound and checked before Blux starts.</summary>
internal sealed class BluxHostOptions : IValidatableObject
{
    public const string Section = "Blux";

    /// <summary>The keys under <c>Blux</c> that other settings classes read.</summary>
    public static readonly string[] OtherKeys =
        ["Reg", "Guard", "Ca", "Lite", "Tls", "Health", "Stores", "MaxRequestHeaderBytes", "MaxRequestHeaderCount", "MaxRequestLineBytes", "RateLimits", "Streams", "Commander", "Logging"];

    public string Environment { get; set; } = BluxEnvironments.Development;

    public string Listen { get; set; } = BluxListen.Default;

    public string DataPath { get; set; } = "./data";

    public string LogPath { get; set; } = "./logs";

    // As doubles: a long beyond an int's range must fail the rule, not throw in it.
    [Range(1.0, 2_147_483_647.0)]
    public long MaxRequestBodyBytes { get; set; } = 1_048_576;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (BluxEnvironments.Normalize(Environment) is null)
        {
            yield return new ValidationResult(BluxEnvironments.Allowed, [nameof(Environment)]);
        }

        if (SettingPaths.WritableDirectoryProblem(DataPath) is { } data)
        {
            yield return new ValidationResult(data, [nameof(DataPath)]);
        }

        if (SettingPaths.WritableDirectoryProblem(LogPath) is { } logs)
        {
            yield return new ValidationResult(logs, [nameof(LogPath)]);
        }
    }
}
