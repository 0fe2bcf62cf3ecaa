using System.ComponentModel.DataAnnotations;

namespace Blux.SharedKernel.Stores;

/// <summary>The settings every module's <see cref="GroupCommitWriter{TItem, TResult}"/> shares.</summary>
public sealed class StoreWriterOptions
{
    public const string Section = "Blux:Stores";

    /// <summary>How long a stop waits for one writer to make durable what it accepted before it gives up on it.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
