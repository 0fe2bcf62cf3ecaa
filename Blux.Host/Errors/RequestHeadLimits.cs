using System.ComponentModel.DataAnnotations;

namespace Blux.Host.Errors;

/// <summary>
/// Blux's limits on a request's head (<c>Blux:MaxRequestHeaderBytes</c>, <c>MaxRequestHeaderCount</c>,
/// <c>MaxRequestLineBytes</c>; Kestrel's own defaults). Kestrel answers a request over its limits
/// itself, before any of Blux runs and without a body, so its limits are set
/// <see cref="KestrelCeilingFactor"/> times higher: a request between the two reaches
/// <see cref="RequestHeadLimitMiddleware"/> and gets the envelope. Only a request past the higher
/// ceiling, or one Kestrel cannot parse, gets Kestrel's bare answer (ADR 0018).
/// </summary>
internal sealed class RequestHeadLimits
{
    public const string Section = "Blux";

    public const int KestrelCeilingFactor = 4;

    /// <summary>The largest value of each limit: four times it still fits Kestrel's <see cref="int"/>.</summary>
    public const int Largest = int.MaxValue / KestrelCeilingFactor;

    /// <summary>Header names and values, with their separators and line ends.</summary>
    [Range(1, Largest)]
    public int MaxRequestHeaderBytes { get; set; } = 32 * 1024;

    [Range(1, Largest)]
    public int MaxRequestHeaderCount { get; set; } = 100;

    /// <summary>Method, target (path and query as sent) and protocol.</summary>
    [Range(1, Largest)]
    public int MaxRequestLineBytes { get; set; } = 8 * 1024;
}
