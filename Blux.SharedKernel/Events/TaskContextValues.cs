using Blux.SharedKernel.Modules;

namespace Blux.SharedKernel.Events;

/// <summary>
/// The values a task request's <c>context</c> may carry (docs/contract.md#task-request), in one place for every module that
/// reads a request: Lite's submission, Guard's and Ca's dry runs.
/// </summary>
public static class TaskContextValues
{
    public const string EnvironmentRule = "context.environment must be development, staging or production.";

    public const string SensitivityRule = "context.sensitivity must be low, medium, high or critical.";

    public static readonly IReadOnlyList<string> Sensitivities = ["low", "medium", "high", "critical"];

    /// <summary>The environment a request names, by its full name or dev, stage, prod (docs/contract.md#environments); null for anything else.</summary>
    public static string? Environment(string? value) => value switch
    {
        "dev" or BluxEnvironments.Development => BluxEnvironments.Development,
        "stage" or BluxEnvironments.Staging => BluxEnvironments.Staging,
        "prod" or BluxEnvironments.Production => BluxEnvironments.Production,
        _ => null,
    };

    public static bool IsSensitivity(string? value) => value is not null && Sensitivities.Contains(value);
}
