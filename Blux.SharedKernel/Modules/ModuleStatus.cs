namespace Blux.SharedKernel.Modules;

/// <summary>What a module reports to <c>/health</c>, <c>/v1/status</c> and <c>/status/detailed</c>.</summary>
public sealed record ModuleStatus(string Name, string Version, string Status, IReadOnlyDictionary<string, object?> Details)
{
    public const string Healthy = "healthy";
    public const string Degraded = "degraded";
    public const string Unhealthy = "unhealthy";
}
