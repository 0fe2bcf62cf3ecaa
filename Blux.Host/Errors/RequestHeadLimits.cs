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

    /// <summary>Header names and values, with their separators and line ends.</summary>
    public int MaxRequestHeaderBytes { get; set; } = 32 * 1024;

    public int MaxRequestHeaderCount { get; set; } = 100;

    /// <summary>Method, target (path and query as sent) and protocol.</summary>
    public int MaxRequestLineBytes { get; set; } = 8 * 1024;

    public bool IsValid =>
        MaxRequestHeaderBytes is > 0 and <= int.MaxValue / KestrelCeilingFactor
        && MaxRequestHeaderCount is > 0 and <= int.MaxValue / KestrelCeilingFactor
        && MaxRequestLineBytes is > 0 and <= int.MaxValue / KestrelCeilingFactor;
}
