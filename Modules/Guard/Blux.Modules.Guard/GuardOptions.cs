using System.ComponentModel.DataAnnotations;
using Blux.SharedKernel.Modules;

namespace Blux.Modules.Guard;

/// <summary>The <c>Blux:Guard</c> settings, bound and checked before Blux starts.</summary>
internal sealed class GuardOptions
{
    public const string Section = "Blux:Guard";

    private static readonly string[] DefaultRedactKeys =
        ["password", "secret", "client_secret", "token", "access_token", "private_key", "authorization", "api_key"];

    /// <summary>A signed checkpoint is written after this many records…</summary>
    [Range(1, 1_000_000)]
    public int CheckpointEveryRecords { get; set; } = 1000;

    /// <summary>…or after this long, whichever comes first, when records were added.</summary>
    [Range(1.0, 86_400.0)]
    public double CheckpointEverySeconds { get; set; } = 60;

    public TimeSpan CheckpointEvery => TimeSpan.FromSeconds(CheckpointEverySeconds);

    /// <summary>The most records one group commit writes.</summary>
    [Range(1, 10_000)]
    public int MaxAuditBatch { get; set; } = 256;

    /// <summary>Keys whose values are redacted; empty (unset) means the defaults.</summary>
    public string[] RedactKeys { get; set; } = [];

    public IReadOnlyList<string> RedactedKeys => RedactKeys.Length > 0 ? RedactKeys : DefaultRedactKeys;

    /// <summary>How far a signed request's timestamp may be from the server clock, either way.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan FreshnessWindow { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>
    /// The replay memory's budget: 64 MiB hold about 350,000 client-chosen task ids, the whole twice
    /// the freshness window up to some 580 of them a second.
    /// </summary>
    [Range(1L << 20, 16L << 30)]
    public long ReplayMemoryBytes { get; set; } = 64L << 20;

    /// <summary>
    /// development, staging or production (<c>Blux:Environment</c>, checked by the host); production
    /// requires signed requests. Not a Guard setting: set from the host's.
    /// </summary>
    public string Environment { get; internal set; } = BluxEnvironments.Development;

    /// <summary>How long a write waits for the store before the operation fails closed with 503.</summary>
    [Range(1, 3600)]
    public int StoreTimeoutSeconds { get; set; } = 5;
}
