using System.ComponentModel.DataAnnotations;

namespace Blux.Host.Health;

/// <summary>The <c>Blux:Health</c> settings.</summary>
internal sealed class HealthOptions
{
    public const string Section = "Blux:Health";

    /// <summary>How often each store is probed; a probe that has not answered within this time marks the store stalled.</summary>
    [Range(1, 3600)]
    public int StoreProbeSeconds { get; set; } = 5;
}
