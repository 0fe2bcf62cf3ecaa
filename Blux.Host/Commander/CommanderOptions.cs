using System.ComponentModel.DataAnnotations;

namespace Blux.Host.Commander;

/// <summary><c>Blux:Commander</c>: the web dashboard's sessions and live feed.</summary>
internal sealed class CommanderOptions
{
    public const string Section = "Blux:Commander";

    /// <summary>Signed-in browser sessions held at once; the oldest is dropped when a new one would pass it.</summary>
    [Range(1, 1_000_000)]
    public int MaxSessions { get; set; } = 1000;

    /// <summary>How often the live feed (<c>/commander/live</c>) sends the queue and throughput, in milliseconds.</summary>
    [Range(100, 60_000)]
    public int LiveIntervalMs { get; set; } = 1000;
}
