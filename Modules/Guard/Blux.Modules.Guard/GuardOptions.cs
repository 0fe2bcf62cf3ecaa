namespace Blux.Modules.Guard;

internal sealed class GuardOptions
{
    /// <summary>A signed checkpoint is written after this many records…</summary>
    public int CheckpointEveryRecords { get; init; } = 1000;

    /// <summary>…or after this long, whichever comes first, when records were added.</summary>
    public TimeSpan CheckpointEvery { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The most records one group commit writes.</summary>
    public int MaxBatch { get; init; } = 256;

    public IReadOnlyList<string> RedactKeys { get; init; } =
        ["password", "secret", "client_secret", "token", "access_token", "private_key", "authorization", "api_key"];

    public TimeSpan FreshnessWindow { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>
    /// The replay memory's budget: 64 MiB hold about 350,000 client-chosen task ids, the whole twice
    /// the freshness window up to some 580 of them a second.
    /// </summary>
    public long ReplayMemoryBytes { get; init; } = 64L << 20;

    /// <summary>development, staging or production (BLUX_ENV); production requires signed requests.</summary>
    public string Environment { get; init; } = Blux.SharedKernel.Modules.BluxEnvironments.Development;

    /// <summary>How long a write waits for the store before the operation fails closed with 503.</summary>
    public int StoreTimeoutSeconds { get; init; } = 5;
}
