using System.ComponentModel.DataAnnotations;

namespace Blux.SharedKernel.Api;

/// <summary>The event streams (<c>/v1/audit/stream</c>, Commander's live feed) one identity may hold open.</summary>
public sealed class StreamOptions
{
    public const string Section = "Blux:Streams";

    /// <summary>Open streams per identity, all kinds together; one more is refused 429 until one closes.</summary>
    [Range(1, 10_000)]
    public int MaxPerIdentity { get; set; } = 16;
}
