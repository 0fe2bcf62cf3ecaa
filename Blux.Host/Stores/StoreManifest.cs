using System.Text.Json.Nodes;

namespace Blux.Host.Stores;

/// <summary>
/// What Blux expects to find in its data directory: one entry per module store (its id, since when it
/// is that store, and its mark: what it held at the last clean stop). Kept as <c>blux-manifest.json</c>
/// and, as copies, inside every store; the newest copy of this installation is the one that counts.
/// </summary>
internal sealed record StoreManifest
{
    public const int CurrentFormat = 1;
    public const string FileName = "blux-manifest.json";
    public const string Running = "running";
    public const string Stopped = "stopped";

    /// <summary>Written by <c>backup</c> into its copies: the marks are what the copies hold.</summary>
    public const string Backup = "backup";

    public int Format { get; init; } = CurrentFormat;

    public required string InstallationId { get; init; }

    /// <summary>Grows by one at every write, so the newest of the copies is known.</summary>
    public required long Generation { get; init; }

    /// <summary><c>running</c> from a start until a clean stop writes <c>stopped</c>; a crash leaves <c>running</c>; a backup's copies say <c>backup</c>.</summary>
    public required string State { get; init; }

    public required DateTimeOffset WrittenAt { get; init; }

    public DateTimeOffset? StoppedAt { get; init; }

    public required IReadOnlyDictionary<string, ManifestStore> Stores { get; init; }
}

/// <summary>One module's store as the manifest records it.</summary>
internal sealed record ManifestStore
{
    public required string File { get; init; }

    public required string StoreId { get; init; }

    /// <summary>When it was created, or accepted by an operator.</summary>
    public required DateTimeOffset Since { get; init; }

    /// <summary>What it held at the last clean stop and must still hold; null before the first one.</summary>
    public JsonObject? Mark { get; init; }
}
